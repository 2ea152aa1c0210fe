import type { Metadata } from "next";
import { Suspense } from "react";
import { QualityView } from "./client";

export const metadata: Metadata = { title: "Quality" };

export default function QualityPage() {
  return (
    <section aria-labelledby="quality-heading" className="space-y-4">
      <h1 id="quality-heading" className="text-2xl font-semibold">
        Quality over time
      </h1>
      <p className="max-w-3xl text-sm text-muted">
        Every call callscope judges keeps its streams here beyond Graph&apos;s 30 days: the tenant&apos;s
        poor-stream rate per day, the last week against the 30 days before it, and where the problem is — each
        site, network, device and client version against the rest of the tenant.
      </p>
      <Suspense>
        <QualityView />
      </Suspense>
    </section>
  );
}
