"use client";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { readLookups } from "@/lib/client/recent-lookups";

const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};
let snapshot: string[] = [];
const getSnapshot = () => {
  const next = readLookups();
  if (next.join() !== snapshot.join()) snapshot = next;
  return snapshot;
};
const empty: string[] = [];

export function RecentLookups() {
  const lookups = useSyncExternalStore(subscribe, getSnapshot, () => empty);
  if (lookups.length === 0) return null;
  return (
    <section aria-labelledby="recent-heading" className="space-y-2">
      <h2 id="recent-heading" className="text-sm font-semibold uppercase tracking-wide text-muted">
        Recent lookups
      </h2>
      <ul className="space-y-1">
        {lookups.map((id) => (
          <li key={id}>
            <Link href={`/calls/${id}`} className="font-mono text-sm text-accent-fg underline">
              {id}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
