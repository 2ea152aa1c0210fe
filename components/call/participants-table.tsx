"use client";
import { useState } from "react";
import { endpointLabel, identityKindLabel, identityLabel } from "@/lib/callrecords/describe";
import type { ParticipantList } from "@/lib/callrecords/model";
import { PARTICIPANT_SOURCE_LABELS, type PersonRow } from "@/lib/callrecords/participants";
import { problemMessage } from "@/lib/client/problem-text";

const LIMIT = 25;

function who(row: PersonRow): string {
  return (
    identityLabel(row.participant?.identity ?? row.impact?.endpoint?.identity ?? null) ??
    (row.impact ? endpointLabel(row.impact.endpoint) : "unknown participant")
  );
}

export function ParticipantsTable({
  people,
  error,
}: {
  people: { list: ParticipantList; rows: PersonRow[] };
  error: unknown;
}) {
  const [showAll, setShowAll] = useState(false);
  const { list, rows } = people;
  const affected = rows.filter((row) => row.impact?.impacting || row.impact?.impacted);
  const shown = showAll ? rows : (affected.length > 0 ? affected : rows).slice(0, LIMIT);
  const withoutMedia = rows.filter((row) => row.noMedia).length;
  return (
    <section aria-labelledby="participants-heading" className="space-y-2">
      <h2 id="participants-heading" className="text-lg font-semibold">
        Participants
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="participants-source">
        {rows.length} {rows.length === 1 ? "person" : "people"}, from {PARTICIPANT_SOURCE_LABELS[list.source]}
        {withoutMedia > 0 ? `; ${withoutMedia} joined without a media session` : ""}.
        {list.note ? ` ${list.note}` : ""}
      </p>
      {Boolean(error) && (
        <p role="status" className="text-sm text-amber-900 dark:text-amber-200">
          Graph&apos;s list of participants could not be loaded: {problemMessage(error)}
        </p>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <strong>Impacting</strong>: sends streams that arrive poor. <strong>Impacted</strong>: receives poor
        streams. {affected.length} of {rows.length} are either.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="participants">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              <th className="py-1 pr-4">Participant</th>
              <th className="pr-4">Identity</th>
              <th className="pr-4">Role in quality</th>
              <th className="pr-4">Poor sent</th>
              <th className="pr-4">Poor received</th>
              <th>Networks</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const identity = row.participant?.identity ?? row.impact?.endpoint?.identity ?? null;
              const units = row.participant?.administrativeUnitIds.length ?? 0;
              return (
                <tr key={row.key} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-1 pr-4 font-medium break-words">
                    <bdi>{who(row)}</bdi>
                    {identity?.userPrincipalName && (
                      <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
                        <bdi>{identity.userPrincipalName}</bdi>
                      </span>
                    )}
                  </td>
                  <td className="pr-4 text-xs">
                    {identity ? identityKindLabel(identity) : "—"}
                    {units > 0 ? ` · ${units} admin unit${units === 1 ? "" : "s"}` : ""}
                  </td>
                  <td className="pr-4">
                    {row.impact?.impacting && (
                      <span className="mr-1 rounded bg-red-100 px-1.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-200">
                        ▲ impacting
                      </span>
                    )}
                    {row.impact?.impacted && (
                      <span className="rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                        ▼ impacted
                      </span>
                    )}
                    {row.noMedia && (
                      <span className="text-xs text-slate-600 dark:text-slate-400">no media session</span>
                    )}
                    {row.impact && !row.impact.impacting && !row.impact.impacted && (
                      <span className="text-xs text-slate-600 dark:text-slate-400">unaffected</span>
                    )}
                  </td>
                  <td className="pr-4">{row.impact ? `${row.impact.sentPoor} / ${row.impact.sent}` : "—"}</td>
                  <td className="pr-4">
                    {row.impact ? `${row.impact.receivedPoor} / ${row.impact.received}` : "—"}
                  </td>
                  <td className="text-xs">{row.impact?.networks.join("; ") || "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <button type="button" className="text-sm underline" onClick={() => setShowAll(true)}>
          Show all {rows.length} participants
        </button>
      )}
    </section>
  );
}
