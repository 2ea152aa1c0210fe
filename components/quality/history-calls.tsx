import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";

export interface HistoryCallRow {
  callId: string;
  startAt: number;
  streams: number;
  poor: number;
  /** Graph still has the record (30 days). */
  inGraph: boolean;
}

/** Calls kept in the history: when, how many streams were poor, and the drill-down while Graph still has them. */
export function HistoryCalls({ calls, testId }: { calls: HistoryCallRow[]; testId: string }) {
  if (calls.length === 0) return <p className="text-sm text-muted">No calls in this window.</p>;
  return (
    <div className="relative overflow-x-auto">
      <Table className="min-w-[28rem] whitespace-nowrap" data-testid={testId}>
        <thead>
          <tr>
            <Th>Started</Th>
            <Th className="text-right">Poor streams</Th>
            <Th>Call</Th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.callId}>
              <Td>{formatDateTime(call.startAt)}</Td>
              <Td className="text-right tabular-nums">
                {call.poor} of {call.streams}
              </Td>
              <Td>
                {call.inGraph ? (
                  <Link className="underline" href={`/calls/${call.callId}`}>
                    Open
                  </Link>
                ) : (
                  <span className="text-muted">past Graph&apos;s 30 days</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
