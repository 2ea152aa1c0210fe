"use client";
import { useMemo } from "react";
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { SessionSummary } from "@/lib/callrecords/analysis";
import { sessionJitterPoints } from "@/lib/callrecords/session-series";
import { DEFAULT_THRESHOLDS } from "@/lib/callrecords/thresholds";

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const jitterLimit = DEFAULT_THRESHOLDS.audio.find((t) => t.metric === "averageJitterMs")?.limit ?? 30;

/** Worst audio jitter per session over the call: a meeting's bad minority stands out above the line. */
export function SessionsChart({ summaries }: { summaries: SessionSummary[] }) {
  const points = useMemo(() => sessionJitterPoints(summaries), [summaries]);
  const poor = points.filter((p) => p.jitterMs > jitterLimit);
  return (
    <section aria-labelledby="sessions-chart-heading" className="space-y-2">
      <h2 id="sessions-chart-heading" className="text-lg font-semibold">Audio jitter by session</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{points.length} sessions with audio jitter reported; {poor.length} above the {jitterLimit} ms threshold.</p>
      <figure className="h-64 rounded border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900" aria-label={`Scatter chart of worst average audio jitter per session against session start time, with a threshold line at ${jitterLimit} ms`}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis type="number" dataKey="startMs" domain={["dataMin", "dataMax"]} tickFormatter={clock} name="Start" fontSize={11} />
            <YAxis type="number" dataKey="jitterMs" name="Jitter" unit=" ms" fontSize={11} />
            <Tooltip formatter={(value, name) => (name === "Start" ? clock(Number(value)) : `${value} ms`)} />
            <ReferenceLine y={jitterLimit} stroke="#b91c1c" strokeDasharray="4 2" label={{ value: `poor above ${jitterLimit} ms`, fontSize: 11, fill: "#b91c1c", position: "insideTopRight" }} />
            <Scatter data={points} fill="#2563eb" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </figure>
      <details className="text-sm">
        <summary className="cursor-pointer">Sessions above the threshold, as a table</summary>
        <table className="mt-2 text-left text-xs">
          <thead><tr><th className="pr-4">Session</th><th className="pr-4">Start (UTC)</th><th>Worst jitter</th></tr></thead>
          <tbody>{poor.slice(0, 200).map((p) => <tr key={p.sessionId}><td className="pr-4 font-mono">{p.sessionId.slice(0, 8)}</td><td className="pr-4">{clock(p.startMs)}</td><td>{p.jitterMs} ms</td></tr>)}</tbody>
        </table>
      </details>
    </section>
  );
}
