"use client";
import { isGuid } from "@/lib/format/guid";
import Link from "next/link";
import { useMemo } from "react";
import { PersonPartSummary } from "@/components/ui/person-part";
import { VerdictSummary } from "@/components/ui/verdict-summary";
import { Table, Td, Th } from "@/components/ui/table";
import {
  CALL_TYPE_LABELS,
  callDurationMs,
  formatDuration,
  identityLabel,
  lookup,
} from "@/lib/callrecords/describe";
import type { CallSummary } from "@/lib/callrecords/model";
import { personSummary, roleOf } from "@/lib/callrecords/person-parts";
import { problemMessage } from "@/lib/client/problem-text";
import { useCallSummaries, type SearchPersonJson } from "@/lib/client/search";
import { formatDateTime, formatLocalDateTime } from "@/lib/format/dates";

type SummaryQuery = ReturnType<typeof useCallSummaries>[number];

function VerdictCell({ summary }: { summary: SummaryQuery }) {
  return (
    <td data-testid="row-verdict" className="py-1 pr-4">
      {summary.data ? (
        <VerdictSummary summary={summary.data} />
      ) : summary.isError ? (
        <span className="text-xs text-warn-fg" title={problemMessage(summary.error)}>
          not judged: {problemMessage(summary.error).split(".")[0]}
        </span>
      ) : (
        <span className="text-xs text-muted">judging…</span>
      )}
    </td>
  );
}

/** Whose search this is, as the page names them. */
const nameOf = (person: SearchPersonJson) =>
  person.displayName ?? person.userPrincipalName ?? person.id ?? "this person";

export function CallResults({
  calls,
  filtered,
  person,
}: {
  calls: CallSummary[];
  filtered: boolean;
  /** The person searched for: each row says their part, and the summary counts their poor calls. */
  person: SearchPersonJson | null;
}) {
  const ids = useMemo(() => calls.map((call) => call.id), [calls]);
  const summaries = useCallSummaries(ids);
  const judged = summaries.filter((s) => s.data).length;
  const overview = person
    ? personSummary(
        calls.map((call, index) => ({ type: call.type, roles: summaries[index]?.data?.roles })),
        person,
        nameOf(person),
      )
    : null;
  if (calls.length === 0)
    return (
      <p className="rounded-lg border border-line bg-surface p-4 text-sm" data-testid="no-calls">
        {filtered
          ? "No call matches the type and media chosen. Widen them to see the rest."
          : "No calls in this window. Records appear 30 to 150 minutes after a call ends; try a wider window, or check the person."}
      </p>
    );
  return (
    <div className="space-y-2">
      {overview && (
        <p className="rounded-lg border border-line bg-surface p-3 text-sm" data-testid="person-summary">
          <bdi>{overview}</bdi>
          {judged < calls.length && (
            <span className="text-muted"> Judging the other {calls.length - judged}…</span>
          )}
          {person?.kind === "user" && person.id && isGuid(person.id) && (
            <>
              {" "}
              <Link className="underline" href={`/people/${person.id}`}>
                Their quality beyond 30 days
              </Link>
            </>
          )}
        </p>
      )}
      <div className="relative overflow-x-auto rounded-lg border border-line bg-surface p-2">
        <Table data-testid="call-results">
          <caption className="sr-only">Calls found, newest first</caption>
          <thead className="text-muted">
            <tr>
              <Th>Started</Th>
              <Th>Duration</Th>
              <Th>Type</Th>
              <Th>Media</Th>
              <Th>Organizer</Th>
              {person && <Th>For {nameOf(person)}</Th>}
              <Th>Verdict (whole call)</Th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call, index) => {
              const summary = summaries[index];
              const roles = summary?.data?.roles;
              return (
                <tr key={call.id} className="border-t border-line align-top" data-testid="call-row">
                  <Td className="whitespace-nowrap py-1">
                    <Link
                      href={`/calls/${call.id}`}
                      className="font-medium underline-offset-2 hover:underline"
                    >
                      <span suppressHydrationWarning>{formatLocalDateTime(call.startDateTime)}</span>
                    </Link>
                    <span className="block text-xs text-muted">
                      {formatDateTime(call.startDateTime, false)}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap">{formatDuration(callDurationMs(call))}</Td>
                  <Td>{(call.type && lookup(CALL_TYPE_LABELS, call.type)) ?? call.type ?? "—"}</Td>
                  <Td>{call.modalities.join(", ") || "—"}</Td>
                  <Td>
                    <bdi>{identityLabel(call.organizer) ?? "—"}</bdi>
                  </Td>
                  {person && (
                    <td className="py-1 pr-4" data-testid="row-person">
                      {roles ? (
                        <PersonPartSummary roles={roles} part={roleOf(roles, person)} name={nameOf(person)} />
                      ) : (
                        <span className="text-xs text-muted">…</span>
                      )}
                    </td>
                  )}
                  {summary && <VerdictCell summary={summary} />}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </div>
    </div>
  );
}
