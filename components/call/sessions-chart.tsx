"use client";
import { useDeferredValue, useMemo } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SessionSummary } from "@/lib/callrecords/analysis";
import { formatClock } from "@/lib/format/dates";
import { JITTER_LIMIT_MS as jitterLimit, jitterByStartTime } from "@/lib/callrecords/session-series";
import { Td, Th } from "@/components/ui/table";

const clock = (ms: number) => formatClock(ms, false);

/** Sessions by start time: poor ones as bars, worst and median jitter as lines against the threshold. */
export function SessionsChart({ summaries }: { summaries: SessionSummary[] }) {
  const deferred = useDeferredValue(summaries);
  const buckets = useMemo(() => jitterByStartTime(deferred), [deferred]);
  const peak = buckets.reduce((max, b) => Math.max(max, b.maxJitterMs ?? 0), 0);
  return (
    <section aria-labelledby="sessions-chart-heading" className="space-y-2">
      <h2 id="sessions-chart-heading" className="text-lg font-semibold">
        Quality across sessions
      </h2>
      <p className="text-sm text-muted">
        Sessions grouped by when they started. Bars: poor sessions. Lines: worst and median audio jitter,
        against the {jitterLimit} ms threshold.
      </p>
      <figure
        className="h-64 rounded border border-line bg-surface p-2"
        aria-label={`Chart of poor sessions and audio jitter by session start time; the highest jitter is ${peak} ms. The same data is in the table below.`}
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 240 }}>
          <ComposedChart data={buckets} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="startMs" tickFormatter={clock} fontSize={11} />
            <YAxis yAxisId="jitter" unit=" ms" fontSize={11} />
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} fontSize={11} />
            <Tooltip labelFormatter={(label) => `From ${clock(Number(label))} UTC`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar
              yAxisId="count"
              dataKey="poorSessions"
              name="poor sessions"
              fill="var(--color-chart-poor)"
              isAnimationActive={false}
            />
            <Line
              yAxisId="jitter"
              dataKey="maxJitterMs"
              name="worst jitter"
              stroke="var(--color-chart-threshold)"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              yAxisId="jitter"
              dataKey="medianJitterMs"
              name="median jitter"
              stroke="var(--color-chart-primary)"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <ReferenceLine
              yAxisId="jitter"
              y={jitterLimit}
              stroke="var(--color-chart-threshold)"
              strokeDasharray="4 2"
              label={{
                value: `poor above ${jitterLimit} ms`,
                fontSize: 11,
                fill: "var(--color-chart-threshold)",
                position: "insideTopLeft",
              }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <details className="text-sm">
        <summary className="cursor-pointer">The same data as a table</summary>
        <table className="mt-2 text-left text-xs">
          <thead>
            <tr>
              <Th>From (UTC)</Th>
              <Th>Sessions</Th>
              <Th>Poor</Th>
              <Th>Worst jitter</Th>
              <th>Median jitter</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.startMs}>
                <Td>{clock(b.startMs)}</Td>
                <Td>{b.sessions}</Td>
                <Td>{b.poorSessions}</Td>
                <Td>
                  {b.maxJitterMs ?? "—"} {b.maxJitterMs !== null ? "ms" : ""}
                </Td>
                <td>
                  {b.medianJitterMs ?? "—"} {b.medianJitterMs !== null ? "ms" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
