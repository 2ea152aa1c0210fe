"use client";
import Link from "next/link";
import { useRef } from "react";
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
import { problemMessage } from "@/lib/client/problem-text";
import { useCallSummary } from "@/lib/client/search";
import { useInView } from "@/lib/client/use-in-view";
import { formatDateTime, formatLocalDateTime } from "@/lib/format/dates";

/** The verdict of one row, read when the row comes on screen: a long list costs Graph only what is seen. */
function VerdictCell({ callId }: { callId: string }) {
  const ref = useRef<HTMLTableCellElement>(null);
  const seen = useInView(ref);
  const summary = useCallSummary(callId, seen);
  return (
    <td ref={ref} data-testid="row-verdict" className="py-1 pr-4">
      {summary.data ? (
        <VerdictSummary summary={summary.data} />
      ) : summary.isError ? (
        <span className="text-xs text-warn-fg" title={problemMessage(summary.error)}>
          not judged: {problemMessage(summary.error).split(".")[0]}
        </span>
      ) : (
        <span className="text-xs text-muted">{seen ? "judging…" : ""}</span>
      )}
    </td>
  );
}

export function CallResults({ calls, filtered }: { calls: CallSummary[]; filtered: boolean }) {
  if (calls.length === 0)
    return (
      <p className="rounded-lg border border-line bg-surface p-4 text-sm" data-testid="no-calls">
        {filtered
          ? "No call matches the type and media chosen. Widen them to see the rest."
          : "No calls in this window. Records appear 30 to 150 minutes after a call ends; try a wider window, or check the person."}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface p-2">
      <Table data-testid="call-results">
        <caption className="sr-only">Calls found, newest first</caption>
        <thead className="text-muted">
          <tr>
            <Th>Started</Th>
            <Th>Duration</Th>
            <Th>Type</Th>
            <Th>Media</Th>
            <Th>Organizer</Th>
            <Th>Verdict</Th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.id} className="border-t border-line align-top" data-testid="call-row">
              <Td className="whitespace-nowrap py-1">
                <Link href={`/calls/${call.id}`} className="font-medium underline-offset-2 hover:underline">
                  <span suppressHydrationWarning>{formatLocalDateTime(call.startDateTime)}</span>
                </Link>
                <span className="block text-xs text-muted">{formatDateTime(call.startDateTime, false)}</span>
              </Td>
              <Td className="whitespace-nowrap">{formatDuration(callDurationMs(call))}</Td>
              <Td>{(call.type && lookup(CALL_TYPE_LABELS, call.type)) ?? call.type ?? "—"}</Td>
              <Td>{call.modalities.join(", ") || "—"}</Td>
              <Td>
                <bdi>{identityLabel(call.organizer) ?? "—"}</bdi>
              </Td>
              <VerdictCell callId={call.id} />
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
