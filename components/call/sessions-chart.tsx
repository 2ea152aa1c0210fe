"use client";
import { memo, useDeferredValue, useMemo, useRef } from "react";
import type { SessionSummary } from "@/lib/callrecords/analysis";
import { formatDuration } from "@/lib/callrecords/describe";
import {
  JITTER_LIMIT_MS as jitterLimit,
  qualityOverTime,
  timeTicks,
  unbrokenRuns,
  type QualityBucket,
} from "@/lib/callrecords/session-series";
import { callWindow } from "@/lib/callrecords/timeline";
import { formatClock } from "@/lib/format/dates";
import { useWidth } from "@/lib/client/use-width";
import { Td, Th } from "@/components/ui/table";

const HEIGHT = 220;
const PAD = { top: 14, right: 40, bottom: 24, left: 44 };

/** A round top for an axis: 1, 2 or 5 times a power of ten, at least `value`. */
function niceTop(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

/**
 * Sessions in progress over the whole call: poor ones as bars, the worst and median audio jitter as lines against
 * the threshold. Drawn as plain SVG — no chart library on the call page's first screen (docs/architecture.md).
 */
export const SessionsChart = memo(function SessionsChart({ summaries }: { summaries: SessionSummary[] }) {
  const deferred = useDeferredValue(summaries);
  const window = useMemo(() => callWindow(deferred), [deferred]);
  const buckets = useMemo(() => qualityOverTime(deferred, window), [deferred, window]);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 800);
  const only = deferred.length === 1 ? deferred[0] : undefined;
  const peak = buckets.reduce((max, b) => Math.max(max, b.maxJitterMs ?? 0), 0);

  return (
    <section aria-labelledby="sessions-chart-heading" className="space-y-2">
      <h2 id="sessions-chart-heading" className="text-lg font-semibold">
        Quality across sessions
      </h2>
      {only ? (
        <OneSession summary={only} />
      ) : (
        <>
          <p className="text-sm text-muted">
            The whole call, {formatClock(window.start, false)}–{formatClock(window.end, false)} UTC. Bars:
            poor sessions in progress. Lines: the worst and the median audio jitter of the sessions in
            progress, against the {jitterLimit} ms threshold; a line stops where nobody was in the call.
          </p>
          <div ref={box} className="rounded border border-line bg-surface p-2">
            <Plot buckets={buckets} width={Math.max(280, width - 16)} start={window.start} end={window.end} />
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend">
              <li className="flex items-center gap-1">
                <span className="inline-block h-2.5 w-3 bg-[var(--color-chart-poor)]" /> poor sessions (right
                axis)
              </li>
              <li className="flex items-center gap-1">
                <span className="inline-block h-0.5 w-4 bg-[var(--color-chart-threshold)]" /> worst jitter
              </li>
              <li className="flex items-center gap-1">
                <span className="inline-block h-0.5 w-4 bg-[var(--color-chart-primary)]" /> median jitter
              </li>
            </ul>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer">The same data as a table</summary>
            <div className="relative overflow-x-auto">
              <table className="mt-2 text-left text-xs" data-testid="sessions-chart-table">
                <thead>
                  <tr>
                    <Th>From (UTC)</Th>
                    <Th>In progress</Th>
                    <Th>Poor</Th>
                    <Th>Worst jitter</Th>
                    <th>Median jitter</th>
                  </tr>
                </thead>
                <tbody>
                  {buckets.map((b) => (
                    <tr key={b.startMs}>
                      <Td>{formatClock(b.startMs)}</Td>
                      <Td>{b.sessions}</Td>
                      <Td>{b.poorSessions}</Td>
                      <Td>{b.maxJitterMs === null ? "—" : `${b.maxJitterMs} ms`}</Td>
                      <td>{b.medianJitterMs === null ? "—" : `${b.medianJitterMs} ms`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p className="sr-only">The highest jitter of any session in progress was {peak} ms.</p>
        </>
      )}
    </section>
  );
});

/** A call of one session is one bar, not a chart: said in words. */
function OneSession({ summary }: { summary: SessionSummary }) {
  let worst: number | null = null;
  for (const row of summary.rows)
    if (row.kind === "audio" && row.stream.averageJitterMs !== null)
      worst = Math.max(worst ?? 0, row.stream.averageJitterMs);
  return (
    <p className="text-sm" data-testid="one-session">
      One session, {formatClock(summary.startMs)}–{formatClock(summary.endMs)} UTC (
      {formatDuration(summary.endMs - summary.startMs)}), {summary.quality}
      {worst === null
        ? "; no audio jitter was reported."
        : `; its worst audio jitter was ${Math.round(worst)} ms (poor above ${jitterLimit} ms).`}{" "}
      Its streams are in the session&apos;s own charts.
    </p>
  );
}

function Plot({
  buckets,
  width,
  start,
  end,
}: {
  buckets: QualityBucket[];
  width: number;
  start: number;
  end: number;
}) {
  const inner = { w: width - PAD.left - PAD.right, h: HEIGHT - PAD.top - PAD.bottom };
  const jitterTop = niceTop(Math.max(jitterLimit * 1.2, ...buckets.map((b) => b.maxJitterMs ?? 0)));
  const countTop = niceTop(Math.max(1, ...buckets.map((b) => b.poorSessions)));
  const x = (ms: number) => PAD.left + ((ms - start) / Math.max(1, end - start)) * inner.w;
  const yJitter = (ms: number) => PAD.top + inner.h - (ms / jitterTop) * inner.h;
  const yCount = (n: number) => PAD.top + inner.h - (n / countTop) * inner.h;
  const { ticks, withSeconds } = timeTicks({ start, end }, Math.max(2, Math.floor(inner.w / 80)));
  const middle = (b: QualityBucket) => x((b.startMs + b.endMs) / 2);
  const line = (value: (b: QualityBucket) => number | null, color: string, key: string) =>
    unbrokenRuns(buckets, value).map((run, index) =>
      run.length === 1 && run[0] ? (
        <circle
          key={`${key}${index}`}
          cx={middle(run[0])}
          cy={yJitter(value(run[0]) ?? 0)}
          r={2.5}
          fill={color}
        />
      ) : (
        <polyline
          key={`${key}${index}`}
          fill="none"
          stroke={color}
          strokeWidth={1.75}
          points={run.map((b) => `${middle(b)},${yJitter(value(b) ?? 0)}`).join(" ")}
        />
      ),
    );
  const jitterTicks = [0, jitterTop / 2, jitterTop];
  const countTicks = countTop >= 2 ? [0, countTop / 2, countTop] : [0, countTop];
  return (
    <svg
      width={width}
      height={HEIGHT}
      role="img"
      aria-label={`Poor sessions and audio jitter over the call, from ${formatClock(start, false)} to ${formatClock(end, false)} UTC. The same data is in the table below.`}
      className="block max-w-full text-muted"
      data-testid="sessions-chart"
    >
      {jitterTicks.map((tick) => (
        <g key={`j${tick}`}>
          <line
            x1={PAD.left}
            x2={PAD.left + inner.w}
            y1={yJitter(tick)}
            y2={yJitter(tick)}
            stroke="currentColor"
            opacity={0.15}
          />
          <text x={PAD.left - 4} y={yJitter(tick) + 4} textAnchor="end" fontSize={11} fill="currentColor">
            {Math.round(tick)} ms
          </text>
        </g>
      ))}
      {countTicks.map((tick) => (
        <text
          key={`c${tick}`}
          x={PAD.left + inner.w + 4}
          y={yCount(tick) + 4}
          fontSize={11}
          fill="currentColor"
        >
          {Math.round(tick)}
        </text>
      ))}
      {buckets.map((b) =>
        b.poorSessions > 0 ? (
          <rect
            key={b.startMs}
            x={x(b.startMs) + 0.5}
            width={Math.max(1, x(b.endMs) - x(b.startMs) - 1)}
            y={yCount(b.poorSessions)}
            height={PAD.top + inner.h - yCount(b.poorSessions)}
            fill="var(--color-chart-poor)"
            opacity={0.75}
          />
        ) : null,
      )}
      <line
        x1={PAD.left}
        x2={PAD.left + inner.w}
        y1={yJitter(jitterLimit)}
        y2={yJitter(jitterLimit)}
        stroke="var(--color-chart-threshold)"
        strokeDasharray="4 2"
      />
      <text x={PAD.left + 4} y={yJitter(jitterLimit) - 4} fontSize={11} fill="var(--color-chart-threshold)">
        poor above {jitterLimit} ms
      </text>
      {line((b) => b.maxJitterMs, "var(--color-chart-threshold)", "max")}
      {line((b) => b.medianJitterMs, "var(--color-chart-primary)", "median")}
      <line
        x1={PAD.left}
        x2={PAD.left + inner.w}
        y1={PAD.top + inner.h}
        y2={PAD.top + inner.h}
        stroke="currentColor"
        opacity={0.4}
      />
      {ticks.map((tick) => (
        <text
          key={tick}
          x={x(tick)}
          y={HEIGHT - 6}
          textAnchor="middle"
          fontSize={11}
          fill="currentColor"
          data-testid="chart-tick"
        >
          {formatClock(tick, withSeconds)}
        </text>
      ))}
      {/* Hover targets: each bucket's numbers as the browser's own tooltip. */}
      {buckets.map((b) => (
        <rect
          key={`hit${b.startMs}`}
          x={x(b.startMs)}
          width={Math.max(1, x(b.endMs) - x(b.startMs))}
          y={PAD.top}
          height={inner.h}
          fill="transparent"
        >
          <title>
            {`${formatClock(b.startMs)}–${formatClock(b.endMs)} UTC: ${b.sessions} in progress, ${b.poorSessions} poor${b.maxJitterMs === null ? "" : `; worst jitter ${b.maxJitterMs} ms, median ${b.medianJitterMs} ms`}`}
          </title>
        </rect>
      ))}
    </svg>
  );
}
