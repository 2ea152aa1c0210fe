"use client";
import { memo, useState } from "react";
import { endpointLabel, identityKindLabel, identityLabel } from "@/lib/callrecords/describe";
import type { ParticipantList } from "@/lib/callrecords/model";
import { PARTICIPANT_SOURCE_LABELS, type PersonRow } from "@/lib/callrecords/participants";
import { MEDIAN } from "@/lib/callrecords/two-sides";
import { problemMessage } from "@/lib/client/problem-text";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";

const LIMIT = 25;

function who(row: PersonRow): string {
  return (
    identityLabel(row.participant?.identity ?? row.impact?.endpoint?.identity ?? null) ??
    (row.impact ? endpointLabel(row.impact.endpoint) : "participant not identified by Graph")
  );
}

export const ParticipantsTable = memo(function ParticipantsTable({
  people,
  error,
  onCompare,
}: {
  people: { list: ParticipantList; rows: PersonRow[] };
  error: unknown;
  /** Set when a meeting's people can be compared two at a time. */
  onCompare?: (pair: [string, string]) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  // The first person picked for a comparison, waiting for the second.
  const [picked, setPicked] = useState<string | null>(null);
  const pick = (key: string) => {
    if (picked && picked !== key) {
      onCompare?.([picked, key]);
      setPicked(null);
    } else setPicked(picked === key ? null : key);
  };
  const { list, rows } = people;
  const affected = rows.filter((row) => row.impact && row.impact.part !== "fine");
  const shown = showAll ? rows : (affected.length > 0 ? affected : rows).slice(0, LIMIT);
  const withoutMedia = rows.filter((row) => row.noMedia).length;
  return (
    <section aria-labelledby="participants-heading" className="space-y-2">
      <h2 id="participants-heading" className="text-lg font-semibold">
        Participants
      </h2>
      <p className="text-sm text-muted" data-testid="participants-source">
        {rows.length} {rows.length === 1 ? "person" : "people"}, from {PARTICIPANT_SOURCE_LABELS[list.source]}
        {withoutMedia > 0 ? `; ${withoutMedia} joined without a media session` : ""}.
        {list.note ? ` ${list.note}` : ""}
      </p>
      {Boolean(error) && (
        <p role="status" className="text-sm text-warn-text">
          Graph&apos;s list of participants could not be loaded: {problemMessage(error)}
        </p>
      )}
      <p className="text-sm text-muted">
        <strong>Impacting</strong>: their side is where poor streams start. <strong>Impacted</strong>:
        receives poor streams they did not cause. <strong>Cause unclear</strong>: poor streams whose side the
        evidence does not settle (the headline says why). {affected.length} of {rows.length} are one of these.
      </p>
      <div className="relative overflow-x-auto">
        {/* Wide enough for its columns: on a phone the table scrolls in its box rather than breaking words. */}
        <Table data-testid="participants" className="min-w-[46rem]">
          <thead className="text-muted">
            <tr>
              <Th>Participant</Th>
              <Th>Identity</Th>
              <Th>Role in quality</Th>
              <Th>Poor sent</Th>
              <Th>Poor received</Th>
              <th>Networks</th>
              {onCompare && (
                <th>
                  <span className="sr-only">Compare</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const identity = row.participant?.identity ?? row.impact?.endpoint?.identity ?? null;
              const units = row.participant?.administrativeUnitIds.length ?? 0;
              return (
                <tr key={row.key} className="border-t border-line">
                  <td className="py-1 pr-4 font-medium wrap-anywhere">
                    <bdi>{who(row)}</bdi>
                    {identity?.userPrincipalName && (
                      <span className="block text-xs font-normal text-muted">
                        <bdi>{identity.userPrincipalName}</bdi>
                      </span>
                    )}
                  </td>
                  <td className="pr-4 text-xs">
                    {identity ? identityKindLabel(identity) : "—"}
                    {units > 0 ? ` · ${units} admin unit${units === 1 ? "" : "s"}` : ""}
                  </td>
                  <Td>
                    {row.impact?.impacting && (
                      <Badge tone="poor" className="mr-1">
                        ▲ impacting
                      </Badge>
                    )}
                    {row.impact?.impacted && <Badge tone="warn">▼ impacted</Badge>}
                    {row.impact?.part === "unclear" && <Badge tone="warn">? cause unclear</Badge>}
                    {row.noMedia && <span className="text-xs text-muted">no media session</span>}
                    {row.impact?.part === "fine" && <span className="text-xs text-muted">unaffected</span>}
                  </Td>
                  <Td>{row.impact ? `${row.impact.sentPoor} / ${row.impact.sent}` : "—"}</Td>
                  <Td>{row.impact ? `${row.impact.receivedPoor} / ${row.impact.received}` : "—"}</Td>
                  <td className="text-xs">{row.impact?.networks.join("; ") || "—"}</td>
                  {onCompare && (
                    <td className="pl-2">
                      {row.impact && (
                        <Button
                          variant="link"
                          className="text-xs"
                          aria-pressed={picked === row.impact.key}
                          onClick={() => row.impact && pick(row.impact.key)}
                        >
                          {picked === row.impact.key
                            ? "Pick another person"
                            : picked
                              ? "Compare with this one"
                              : "Compare"}
                        </Button>
                      )}
                      {row.impact && !picked && (
                        <Button
                          variant="link"
                          className="ml-2 text-xs"
                          onClick={() => row.impact && onCompare([row.impact.key, MEDIAN])}
                        >
                          vs typical
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </div>
      {rows.length > shown.length && (
        <button type="button" className="text-sm underline" onClick={() => setShowAll(true)}>
          Show all {rows.length} participants
        </button>
      )}
    </section>
  );
});
