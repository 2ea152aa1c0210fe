"use client";
import { useState } from "react";
import type { ParticipantImpact } from "@/lib/callrecords/analysis";

const LIMIT = 25;

export function ParticipantsTable({ participants }: { participants: ParticipantImpact[] }) {
  const [showAll, setShowAll] = useState(false);
  const affected = participants.filter((p) => p.impacting || p.impacted);
  const shown = showAll ? participants : (affected.length > 0 ? affected : participants).slice(0, LIMIT);
  return (
    <section aria-labelledby="participants-heading" className="space-y-2">
      <h2 id="participants-heading" className="text-lg font-semibold">Participants</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <strong>Impacting</strong>: sends streams that arrive poor. <strong>Impacted</strong>: receives poor streams. {affected.length} of {participants.length} participants are either.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="participants">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr><th className="py-1 pr-4">Participant</th><th className="pr-4">Role in quality</th><th className="pr-4">Poor sent</th><th className="pr-4">Poor received</th><th>Networks</th></tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.key} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 pr-4 font-medium">{p.label}</td>
                <td className="pr-4">
                  {p.impacting && <span className="mr-1 rounded bg-red-100 px-1.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-200">▲ impacting</span>}
                  {p.impacted && <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">▼ impacted</span>}
                  {!p.impacting && !p.impacted && <span className="text-xs text-slate-600 dark:text-slate-400">unaffected</span>}
                </td>
                <td className="pr-4">{p.sentPoor} / {p.sent}</td>
                <td className="pr-4">{p.receivedPoor} / {p.received}</td>
                <td className="text-xs">{p.networks.join("; ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {participants.length > shown.length && (
        <button type="button" className="text-sm underline" onClick={() => setShowAll(true)}>Show all {participants.length} participants</button>
      )}
    </section>
  );
}
