import "server-only";
import { feedConfigured } from "@/lib/config/flags";
import { apiRuntime } from "./runtime";

/**
 * What runs beside the requests, started once per server: alerts (delivered and evaluated whether or not the
 * feed is on: the history feeds them too) and the feed (subscriptions made at start, not at the first visit:
 * Graph has calls to tell about before anyone looks). On the way down both hand back their leases, so a
 * restart does not wait them out.
 */
export function startBackground(): void {
  const { feed, alerts } = apiRuntime();
  alerts.start();
  if (feedConfigured()) feed.start();
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => {
      void Promise.allSettled([feed.stop(), alerts.stop()]).finally(() =>
        setTimeout(() => process.exit(0), 200).unref(),
      );
    });
}
