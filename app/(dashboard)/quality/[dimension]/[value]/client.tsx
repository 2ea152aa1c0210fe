"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { HistoryCalls } from "@/components/quality/history-calls";
import { useDimension, type DimensionResponse } from "@/lib/client/quality";
import { formatPercent, formatRange } from "@/lib/format/percent";
import { formatCount } from "@/lib/format/numbers";

const percent = formatPercent;

/** "Oslo office, 1–14 Nov vs 15–28 Nov: 32.1 % → 3.0 % poor, better (significant, z = −8.2)". */
function periodsSentence(data: DimensionResponse): string | null {
  const p = data.periods;
  if (!p) return null;
  const head = `${data.shown}, ${p.before.from} to ${p.before.to} against ${p.after.from} to ${p.after.to}: ${percent(p.before.share)} → ${percent(p.after.share)} poor`;
  if (p.verdict === "not-enough")
    return `${head}. Not enough streams in one of the periods to say whether it changed (${p.before.streams} and ${p.after.streams}).`;
  const z = p.z === null ? "" : `, z = ${p.z.toFixed(1)}`;
  if (p.verdict === "no-change") return `${head}: no significant change${z}.`;
  return `${head}: significantly ${p.verdict}${z}.`;
}

export function DimensionView({ dimension, value }: { dimension: string; value: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = useMemo(() => new URLSearchParams(params.toString()), [params]);
  const result = useDimension(dimension, value, query);
  const data = result.data;
  const [periods, setPeriods] = useState(() => ({
    beforeFrom: query.get("beforeFrom") ?? "",
    beforeTo: query.get("beforeTo") ?? "",
    afterFrom: query.get("afterFrom") ?? "",
    afterTo: query.get("afterTo") ?? "",
  }));
  const chart = useMemo(
    () =>
      (data?.days ?? []).map((day) => ({
        day: day.day,
        value: day.streams > 0 ? (day.poor / day.streams) * 100 : null,
        tenant: day.tenantStreams > 0 ? (day.tenantPoor / day.tenantStreams) * 100 : null,
      })),
    [data],
  );
  const compare = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(query);
    for (const [key, day] of Object.entries(periods)) {
      if (day) next.set(key, day);
      else next.delete(key);
    }
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };

  return (
    <section aria-labelledby="dimension-heading" className="space-y-4">
      <p className="text-sm">
        <Link href="/quality" className="underline">
          ← Quality over time
        </Link>
      </p>
      <h1 id="dimension-heading" className="text-2xl font-semibold [overflow-wrap:anywhere]">
        {data ? `${data.label}: ${data.shown}` : value}
      </h1>
      {result.error && <QueryError error={result.error} onRetry={() => void result.refetch()} />}
      {data && (
        <>
          <p className="text-sm text-muted" data-testid="dimension-summary">
            {data.from} to {data.to}: {formatCount(data.window.streams)} streams, {percent(data.window.share)}{" "}
            poor
            {data.window.interval && (
              <span data-testid="dimension-interval">
                {" "}
                (95 % interval {formatRange(data.window.interval)})
              </span>
            )}
            ; the tenant: {percent(data.tenant.share)}.
          </p>
          <figure
            className="h-64 rounded border border-line bg-surface p-2"
            aria-label={`Poor-stream share per day of ${data.shown} against the whole tenant.`}
          >
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 240 }}>
              <LineChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
                <XAxis dataKey="day" fontSize={11} minTickGap={24} />
                <YAxis unit=" %" fontSize={11} />
                <Tooltip formatter={(v) => `${Number(v).toFixed(1)} %`} />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <Line
                  dataKey="value"
                  name={data.shown}
                  stroke="var(--color-chart-poor)"
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
                <Line
                  dataKey="tenant"
                  name="whole tenant"
                  stroke="var(--color-chart-primary)"
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </figure>
        </>
      )}

      <Card as="section" aria-labelledby="periods-heading" className="space-y-2">
        <h2 id="periods-heading" className="text-lg font-semibold">
          Before and after
        </h2>
        <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={compare}>
          {(
            [
              ["beforeFrom", "Before: from"],
              ["beforeTo", "Before: to"],
              ["afterFrom", "After: from"],
              ["afterTo", "After: to"],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="flex flex-col">
              {label}
              <input
                type="date"
                className="rounded border border-line-strong bg-field px-2 py-1"
                value={periods[key]}
                onChange={(e) => setPeriods({ ...periods, [key]: e.target.value })}
              />
            </label>
          ))}
          <Button type="submit">Compare</Button>
        </form>
        {data?.periods && (
          <p className="text-sm" data-testid="periods-result">
            {periodsSentence(data)}
          </p>
        )}
      </Card>

      {data && (
        <section aria-labelledby="calls-heading" className="space-y-2">
          <h2 id="calls-heading" className="text-lg font-semibold">
            Its calls
          </h2>
          <p className="text-xs text-muted">
            The newest 100. Calls of the last 30 days open in the drill-down; Graph has forgotten older ones,
            whose streams stay here.
          </p>
          <HistoryCalls calls={data.calls} testId="dimension-calls" />
        </section>
      )}
    </section>
  );
}
