import type { Metadata } from "next";
import { clientConfig } from "@/lib/config/client-config";
import { AlertsView } from "./client";

export const metadata: Metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <section aria-labelledby="alerts-heading" className="space-y-4">
      <h1 id="alerts-heading" className="text-2xl font-semibold">
        Alerts
      </h1>
      <p className="max-w-3xl text-sm text-muted">
        Tell the right people when quality turns: a watched person&apos;s poor call, a site or network over a
        poor-stream band, a new cause in the tenant&apos;s overview, or a Direct Routing trunk failing — in a
        Teams channel, by email or to your own webhook. Each alert is sent once per rule and value until it
        recovers or its cooldown ends; every delivery is logged below.
      </p>
      <AlertsView demo={clientConfig().demo} />
    </section>
  );
}
