import type { Metadata } from "next";
import { Suspense } from "react";
import { PhoneLogView } from "./client";

export const metadata: Metadata = { title: "Phone logs" };

export default function PhoneLogsPage() {
  return (
    <section aria-labelledby="phone-logs-heading" className="space-y-4">
      <h1 id="phone-logs-heading" className="text-2xl font-semibold">
        Phone logs
      </h1>
      <p className="max-w-3xl text-sm text-muted">
        Microsoft&apos;s logs of calls to and from phone numbers: the PSTN log (Calling Plan, Operator
        Connect) and the Direct Routing log (your own SBCs), up to 90 days at once. A phone call that never
        connected has a row here but no call record: search failed calls to find it.
      </p>
      <Suspense>
        <PhoneLogView />
      </Suspense>
    </section>
  );
}
