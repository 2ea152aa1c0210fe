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
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Sessions grouped by when they started. Bars: poor sessions. Lines: worst and median audio jitter,
        against the {jitterLimit} ms threshold.
      </p>
      <figure
        className="h-64 rounded border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900"
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
              fill="#fca5a5"
              isAnimationActive={false}
            />
            <Line
              yAxisId="jitter"
              dataKey="maxJitterMs"
              name="worst jitter"
              stroke="#b91c1c"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              yAxisId="jitter"
              dataKey="medianJitterMs"
              name="median jitter"
              stroke="#2563eb"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <ReferenceLine
              yAxisId="jitter"
              y={jitterLimit}
              stroke="#b91c1c"
              strokeDasharray="4 2"
              label={{
                value: `poor above ${jitterLimit} ms`,
                fontSize: 11,
                fill: "#b91c1c",
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
              <th className="pr-4">From (UTC)</th>
              <th className="pr-4">Sessions</th>
              <th className="pr-4">Poor</th>
              <th className="pr-4">Worst jitter</th>
              <th>Median jitter</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.startMs}>
                <td className="pr-4">{clock(b.startMs)}</td>
                <td className="pr-4">{b.sessions}</td>
                <td className="pr-4">{b.poorSessions}</td>
                <td className="pr-4">
                  {b.maxJitterMs ?? "—"} {b.maxJitterMs !== null ? "ms" : ""}
                </td>
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
