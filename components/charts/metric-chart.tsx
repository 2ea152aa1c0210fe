"use client";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricChart as MetricChartData } from "@/lib/callrecords/chart-data";

/** An axis label on two lines, "from Priya Raman" over "to Owen Franklin": two names do not fit one tick. */
function DirectionTick(props: { x?: number; y?: number; payload?: { value: string; index: number } }) {
  const { x = 0, y = 0, payload } = props;
  const text = payload?.value ?? "";
  const cut = text.startsWith("from ") ? text.lastIndexOf(" to ") : -1;
  const lines = cut > 0 ? [text.slice(0, cut), text.slice(cut + 1)] : [text];
  return (
    <text x={x} y={y + 10} textAnchor="middle" fontSize={11} fill="currentColor">
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? 0 : "1.2em"}>
          {line.length > 26 ? `${line.slice(0, 25)}…` : line}
        </tspan>
      ))}
    </text>
  );
}

const show = (value: number | null, unit: string) => (value === null ? "not reported" : `${value} ${unit}`);

/** Average and max per direction as bars, the poor-call limit as a dashed line, and the same numbers as a table. */
export function MetricChart({ chart }: { chart: MetricChartData }) {
  const top = Math.max(
    chart.threshold?.value ?? 0,
    ...chart.points.flatMap((p) => [p.average ?? 0, p.max ?? 0]),
  );
  return (
    <figure className="rounded border border-line p-2" data-testid={`chart-${chart.key}`}>
      <figcaption className="text-sm font-medium">
        {chart.title} ({chart.unit})
        {chart.threshold ? (
          <span className="ml-1 text-xs font-normal text-poor-text">— {chart.threshold.label}</span>
        ) : null}
      </figcaption>
      {chart.empty ? (
        <p className="py-8 text-center text-sm text-muted">Not reported by the client.</p>
      ) : (
        <div
          role="img"
          aria-label={`${chart.title}: ${chart.points.map((p) => `${p.direction} average ${show(p.average, chart.unit)}, ${chart.secondLabel} ${show(p.max, chart.unit)}`).join("; ")}`}
        >
          <BarChart
            width={300}
            height={170}
            data={chart.points}
            margin={{ top: 8, right: 8, bottom: 0, left: -12 }}
          >
            <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
            <XAxis dataKey="direction" fontSize={11} interval={0} height={34} tick={<DirectionTick />} />
            <YAxis fontSize={11} domain={[0, Math.ceil(top * 1.15) || 1]} />
            <Tooltip
              formatter={(value) =>
                value === null || value === undefined ? "not reported" : `${value} ${chart.unit}`
              }
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar
              dataKey="average"
              name="average"
              fill="var(--color-chart-primary)"
              isAnimationActive={false}
            />
            <Bar
              dataKey="max"
              name={chart.secondLabel === "RMS" ? "root mean square" : "max"}
              fill="var(--color-chart-secondary)"
              isAnimationActive={false}
            />
            {chart.threshold && (
              <ReferenceLine
                y={chart.threshold.value}
                stroke="var(--color-chart-threshold)"
                strokeDasharray="4 2"
                ifOverflow="extendDomain"
              />
            )}
          </BarChart>
        </div>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer">As a table</summary>
        <table className="mt-1 w-full text-left">
          <thead>
            <tr>
              <th>Direction</th>
              <th>Average</th>
              <th>{chart.secondLabel === "RMS" ? "Root mean square" : "Max"}</th>
            </tr>
          </thead>
          <tbody>
            {chart.points.map((p) => (
              <tr key={p.direction}>
                <td>{p.direction}</td>
                <td>{show(p.average, chart.unit)}</td>
                <td>{show(p.max, chart.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
