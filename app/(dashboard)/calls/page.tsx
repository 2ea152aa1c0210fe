import Link from "next/link";
import type { Metadata } from "next";
import { Suspense } from "react";
import { CallSearchView } from "./client";
import { clientConfig } from "@/lib/config/client-config";
import { demoPeople } from "@/lib/demo/people";

export const metadata: Metadata = { title: "Find calls" };

export default function FindCallsPage() {
  return (
    <section aria-labelledby="find-heading" className="space-y-4">
      <h1 id="find-heading" className="text-2xl font-semibold">
        Find calls
      </h1>
      <p className="max-w-3xl text-sm text-muted">
        Everyone&apos;s calls from the last 30 days, by person and time: Graph keeps call records for 30 days.
        A phone call that failed before it connected has no call record: look for it in the{" "}
        <Link href="/phone-logs" className="underline">
          phone logs
        </Link>
        .
      </p>
      <Suspense>
        <CallSearchView suggestions={clientConfig().demo ? demoPeople : []} />
      </Suspense>
    </section>
  );
}
