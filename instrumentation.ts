// Runs once when the server starts: a misconfigured deployment stops here with a message that names the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/config/startup-check");
  const { checkRedisAtStart } = await import("./lib/api/shared/startup-check");
  await checkRedisAtStart();
  const { apiRuntime } = await import("./lib/api/runtime");
  const { feed, alerts } = apiRuntime();
  // Alerts are delivered and window rules evaluated whether or not the feed is on (the history feeds them too).
  alerts.start();
  // Subscriptions are made at start, not at the first visit: Graph has calls to tell about before anyone looks.
  const { feedConfigured } = await import("./lib/config/flags");
  if (feedConfigured()) feed.start();
  // A restart should not wait out the renewer's or the evaluator's lease: hand them back on the way down.
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => {
      void Promise.allSettled([feed.stop(), alerts.stop()]).finally(() =>
        setTimeout(() => process.exit(0), 200).unref(),
      );
    });
}
