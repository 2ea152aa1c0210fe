"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { Table, Td, Th } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import { problemMessage } from "@/lib/client/problem-text";
import type { Status, Tally } from "@/lib/history/overview";
import { DEMO_STORIES } from "@/lib/history/demo-history";
import { formatPercent, formatRange } from "@/lib/format/percent";
import {
  qualityFromParams,
  qualityParams,
  dimensionHref,
  useQualityExport,
  useQualityOverview,
  type QualityFilters,
} from "@/lib/client/quality";
import { formatCount } from "@/lib/format/numbers";

const percent = formatPercent;
const range = formatRange;
const STATUS_TEXT: Record<Status, string> = {
  critical: "Critical",
  degraded: "Degraded",
  healthy: "Healthy",
  "not-enough": "Not enough calls to judge",
};
const STATUS_CLASS: Record<Status, string> = {
  critical: "bg-poor-soft text-poor-fg",
  degraded: "bg-warn-soft text-warn-fg",
  healthy: "bg-good-soft text-good-fg",
  "not-enough": "bg-unclassified-soft text-unclassified-fg",
};
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const SERIES = [
  { media: "audio", name: "audio", color: "var(--color-audio)" },
  { media: "video", name: "video", color: "var(--color-video)" },
  { media: "screenSharing", name: "screen sharing", color: "var(--color-screen)" },
] as const;

function StatusCard({
  label,
  last7,
  baseline,
  status,
}: {
  label: string;
  last7: Tally;
  baseline: Tally;
  status: Status;
}) {
  return (
    <Card className="space-y-1" data-testid="media-status">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="font-semibold">{label}</h3>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[status]}`}>
          {STATUS_TEXT[status]}
        </span>
      </div>
      <p className="text-2xl font-semibold tabular-nums">{percent(last7.share)}</p>
      <p className="text-xs text-muted">
        poor in the last 7 days ({formatCount(last7.poor)} of {formatCount(last7.streams)} streams
        {last7.interval && <>; 95 % interval {range(last7.interval)}</>}); the 30 days before:{" "}
        {percent(baseline.share)}
      </p>
    </Card>
  );
}

export function QualityView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => qualityFromParams(new URLSearchParams(params.toString())), [params]);
  const overview = useQualityOverview(filters);
  const download = useQualityExport(filters);
  // Edits made before the URL catches up (From, then To, quickly) build on each other, not on the old URL.
  const latest = useRef(filters);
  useEffect(() => {
    latest.current = filters;
  }, [filters]);
  const set = (next: Partial<QualityFilters>) => {
    latest.current = { ...latest.current, ...next };
    router.replace(`${pathname}?${qualityParams(latest.current).toString()}`, { scroll: false });
  };

  const data = overview.data;
  const chart = useMemo(
    () =>
      (data?.days ?? []).map((day) => ({
        day: day.day,
        ...Object.fromEntries(
          SERIES.map((s) => [
            s.media,
            day.media[s.media]?.share === null ? null : (day.media[s.media]?.share ?? 0) * 100,
          ]),
        ),
      })),
    [data],
  );
  const heat = useMemo(() => {
    const cells = new Map((data?.heatmap ?? []).map((cell) => [`${cell.weekday}-${cell.hour}`, cell]));
    return cells;
  }, [data]);

  return (
    <div className="space-y-6">
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => event.preventDefault()}
        aria-label="Window"
      >
        <label className="flex flex-col">
          From
          <input
            type="date"
            className="rounded border border-line-strong bg-field px-2 py-1"
            value={filters.from ?? data?.from ?? ""}
            onChange={(e) => set({ from: e.target.value || null })}
          />
        </label>
        <label className="flex flex-col">
          To
          <input
            type="date"
            className="rounded border border-line-strong bg-field px-2 py-1"
            value={filters.to ?? data?.to ?? ""}
            onChange={(e) => set({ to: e.target.value || null })}
          />
        </label>
        <label className="flex flex-col">
          Media
          <select
            className="rounded border border-line-strong bg-field px-2 py-1"
            value={filters.media ?? ""}
            onChange={(e) => set({ media: e.target.value || null })}
          >
            <option value="">All</option>
            <option value="audio">Audio</option>
            <option value="video">Video</option>
            <option value="screenSharing">Screen sharing</option>
          </select>
        </label>
        <div className="flex gap-2">
          <Button type="button" onClick={() => download.mutate("csv")} disabled={download.isPending}>
            Export CSV
          </Button>
          <Button type="button" onClick={() => download.mutate("parquet")} disabled={download.isPending}>
            Export Parquet
          </Button>
        </div>
      </form>
      {download.error && (
        <p role="alert" className="text-sm text-poor-text">
          The export failed: {problemMessage(download.error)}
        </p>
      )}

      {overview.error && <QueryError error={overview.error} onRetry={() => void overview.refetch()} />}
      {!data && !overview.error && <p className="text-sm text-muted">Reading the history…</p>}
      {data?.demo && (
        <p
          className="max-w-3xl rounded border border-line bg-surface p-3 text-sm"
          data-testid="demo-history-notice"
        >
          Demo data: a synthetic 90-day past with stories to find — the {DEMO_STORIES.site.value} degrading
          for three weeks and fixed, a client version that regressed ({DEMO_STORIES.client.value}), an ISP
          incident on two evenings, and one person&apos;s recurring home Wi-Fi trouble. New calls of the demo
          keep adding to it.
        </p>
      )}
      {data?.backfill && (
        <p className="text-sm" role="status" data-testid="backfill-progress">
          Filling in the calls Graph still keeps (its last 30 days): listed through{" "}
          {data.backfill.through.slice(0, 10)}
          {data.backfill.problem
            ? `; waiting, because ${data.backfill.problem}. It carries on by itself.`
            : ", and going on by itself."}
        </p>
      )}
      {data?.empty && (
        <Card data-testid="history-empty">
          <p className="font-medium">
            Nothing to show for {data.from} to {data.to}.
          </p>
          <p className="text-sm text-muted">{data.emptyReason}</p>
        </Card>
      )}
      {data && !data.empty && (
        <>
          <p className="text-sm text-muted" data-testid="history-counts">
            {data.from} to {data.to}: {formatCount(data.calls)} calls, {formatCount(data.totals.streams)}{" "}
            classified streams, {formatCount(data.people)} people; {percent(data.totals.share)} poor.
          </p>
          <section aria-labelledby="status-heading" className="space-y-2">
            <h2 id="status-heading" className="text-lg font-semibold">
              The last 7 days
            </h2>
            <p className="text-xs text-muted">
              Critical at {Math.round(data.bands.critical * 100)} % poor streams or more, degraded from{" "}
              {Math.round(data.bands.degraded * 100)} %; fewer than {data.bands.minStreams} streams are not
              judged.
            </p>
            <div className="grid gap-3 sm:grid-cols-3">
              {data.media.map((m) => (
                <StatusCard
                  key={m.media}
                  label={m.label}
                  last7={m.last7}
                  baseline={m.baseline}
                  status={m.status}
                />
              ))}
            </div>
          </section>

          <section aria-labelledby="trend-heading" className="space-y-2">
            <h2 id="trend-heading" className="text-lg font-semibold">
              Poor streams per day
            </h2>
            <figure
              className="h-64 rounded border border-line bg-surface p-2"
              aria-label="Poor-stream share per day for audio, video and screen sharing; the same data is in the table of where the problem is."
            >
              <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 240 }}>
                <LineChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
                  <XAxis dataKey="day" fontSize={11} minTickGap={24} />
                  <YAxis unit=" %" fontSize={11} />
                  <Tooltip formatter={(value) => `${Number(value).toFixed(1)} %`} />
                  <Legend wrapperStyle={{ fontSize: 11 }} />
                  <ReferenceLine
                    y={data.bands.critical * 100}
                    stroke="var(--color-chart-poor)"
                    strokeDasharray="4 4"
                  />
                  {SERIES.filter((s) => !filters.media || s.media === filters.media).map((s) => (
                    <Line
                      key={s.media}
                      dataKey={s.media}
                      name={s.name}
                      stroke={s.color}
                      dot={false}
                      connectNulls
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </figure>
          </section>

          <section aria-labelledby="where-heading" className="space-y-2">
            <h2 id="where-heading" className="text-lg font-semibold">
              Where the problem is
            </h2>
            <p className="text-xs text-muted">
              Each value against the rest of the tenant in this window (two-proportion z-test, listed at z ≥
              3.1 with enough streams); a stream counts for the places and devices of both people in it. In
              brackets, the poor share&apos;s 95 % interval (Wilson): how sure it is with that many streams.
            </p>
            {data.where.length === 0 ? (
              <p className="text-sm" data-testid="where-none">
                No site, network, device or client stands out: poor streams are spread evenly.
              </p>
            ) : (
              <div className="relative overflow-x-auto">
                <Table data-testid="where-table" className="min-w-[36rem] whitespace-nowrap">
                  <thead>
                    <tr>
                      <Th>Dimension</Th>
                      <Th>Value</Th>
                      <Th className="text-right">Poor</Th>
                      <Th className="text-right">Rest of the tenant</Th>
                      <Th className="text-right">Streams</Th>
                      <Th className="text-right">z</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.where.map((row) => (
                      <tr
                        key={`${row.dimension}:${row.value}`}
                        data-testid="where-row"
                        data-dimension={row.dimension}
                      >
                        <Td>{row.label}</Td>
                        <Td className="[overflow-wrap:anywhere]">
                          <Link
                            className="underline"
                            href={`${dimensionHref(row.dimension, row.value)}?${qualityParams({ ...filters, media: null }).toString()}`}
                          >
                            {row.shown}
                          </Link>
                        </Td>
                        <Td className="text-right tabular-nums">
                          {percent(row.share)}{" "}
                          <span className="text-xs text-muted" data-testid="where-interval">
                            ({range(row.interval)})
                          </span>
                        </Td>
                        <Td className="text-right tabular-nums">{percent(row.outsideShare)}</Td>
                        <Td className="text-right tabular-nums">{formatCount(row.streams)}</Td>
                        <Td className="text-right tabular-nums">{row.z.toFixed(1)}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            )}
          </section>

          <section aria-labelledby="heat-heading" className="space-y-2">
            <h2 id="heat-heading" className="text-lg font-semibold">
              By hour and weekday (UTC)
            </h2>
            <div className="relative overflow-x-auto">
              <table
                className="border-separate border-spacing-0.5 whitespace-nowrap text-[10px]"
                data-testid="heatmap"
              >
                <thead>
                  <tr>
                    <th scope="col" className="sr-only">
                      Weekday
                    </th>
                    {Array.from({ length: 24 }, (_, hour) => (
                      <th key={hour} scope="col" className="w-6 font-normal text-muted">
                        {hour}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map((name, weekday) => (
                    <tr key={name}>
                      <th scope="row" className="pr-1 text-left font-normal text-muted">
                        {name}
                      </th>
                      {Array.from({ length: 24 }, (_, hour) => {
                        const cell = heat.get(`${weekday}-${hour}`);
                        const share = cell && cell.streams > 0 ? cell.poor / cell.streams : null;
                        return (
                          <td
                            key={hour}
                            title={
                              cell
                                ? `${name} ${hour}:00 — ${percent(share)} poor of ${cell.streams} streams`
                                : `${name} ${hour}:00 — no streams`
                            }
                            className="h-5 w-6 min-w-5 rounded-sm border border-line"
                            style={{
                              background:
                                share === null
                                  ? "transparent"
                                  : `color-mix(in srgb, var(--color-chart-poor) ${Math.min(100, Math.round((share / Math.max(data.bands.critical, 0.01)) * 100))}%, transparent)`,
                            }}
                          >
                            {cell ? (
                              <Link
                                className="block h-full w-full"
                                href={`/quality/hours/${weekday}-${hour}?${qualityParams({ ...filters, media: null }).toString()}`}
                              >
                                <span className="sr-only">
                                  {name} {hour}:00, {percent(share)} poor: its calls
                                </span>
                              </Link>
                            ) : (
                              <span className="sr-only">no streams</span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
