import Link from "next/link";
import { Suspense } from "react";
import { Inbox } from "@/components/feed/inbox";
import { CallIdForm } from "./_components/call-id-form";
import { RecentLookups } from "./_components/recent-lookups";
import { WatchListAside } from "./_components/watch-list-aside";
import { clientConfig } from "@/lib/config/client-config";
import { demoCalls } from "@/lib/demo/calls";

export default function HomePage() {
  const { demo } = clientConfig();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
      <div className="space-y-8">
        <section className="space-y-3">
          <h1 className="text-2xl font-semibold">Diagnose one call</h1>
          <p className="text-muted">
            Paste a Teams call ID to see every session, segment and media stream, what went wrong, on which
            leg, and why.
          </p>
          <CallIdForm />
        </section>
        <Suspense>
          <Inbox />
        </Suspense>
        {demo && (
          <section aria-labelledby="demo-heading" className="space-y-3">
            <h2 id="demo-heading" className="text-lg font-semibold">
              Demo calls
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2">
              {demoCalls
                .filter((call) => call.featured)
                .map((call) => (
                  <li key={call.id}>
                    <Link
                      href={`/calls/${call.id}`}
                      className="block h-full rounded-lg border border-line bg-surface p-4 hover:border-accent"
                    >
                      <span className="font-medium">{call.title}</span>
                      <span className="mt-1 block text-sm text-muted">{call.description}</span>
                      <span className="mt-2 block font-mono text-xs text-muted">{call.id}</span>
                    </Link>
                  </li>
                ))}
            </ul>
          </section>
        )}
      </div>
      {/* Beside the inbox on a wide screen, under it on a narrow one. */}
      <aside className="space-y-6">
        <WatchListAside />
        <RecentLookups />
      </aside>
    </div>
  );
}
