"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import { Table, Td, Th } from "@/components/ui/table";
import { dimensionHref, usePersonHistory } from "@/lib/client/quality";
import { formatDateTime } from "@/lib/format/dates";
import { formatShare } from "@/lib/format/percent";
import { formatCount } from "@/lib/format/numbers";

const percent = formatShare;

/** The days bucketed by week, so a year reads at a glance. */
function byWeek(days: { day: string; streams: number; poor: number }[]) {
  const weeks: { week: string; good: number; poor: number }[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const slice = days.slice(i, i + 7);
    const streams = slice.reduce((n, d) => n + d.streams, 0);
    const poor = slice.reduce((n, d) => n + d.poor, 0);
    weeks.push({ week: slice[0]?.day ?? "", good: streams - poor, poor });
  }
  return weeks;
}

export function PersonView({ objectId }: { objectId: string }) {
  const params = useSearchParams();
  const query = useMemo(() => new URLSearchParams(params.toString()), [params]);
  const result = usePersonHistory(objectId, query);
  const data = result.data;
  const weeks = useMemo(() => byWeek(data?.days ?? []), [data]);
  return (
    <section aria-labelledby="person-heading" className="space-y-4">
      <p className="text-sm">
        <Link href="/quality" className="underline">
          ← Quality over time
        </Link>
      </p>
      <h1 id="person-heading" className="text-2xl font-semibold">
        {data?.name ?? "A person's calls"}
      </h1>
      {result.error && <QueryError error={result.error} onRetry={() => void result.refetch()} />}
      {data && (
        <>
          <p className="text-sm text-muted" data-testid="person-summary">
            {data.from} to {data.to}: {formatCount(data.callCount)} calls. Streams they sent:{" "}
            {percent(data.sent.poor, data.sent.streams)} arrived poor ({data.sent.poor} of {data.sent.streams}
            ); streams they received: {percent(data.received.poor, data.received.streams)} poor. Names are
            kept {data.personalDays} days; older calls are found by a keyed pseudonym.
          </p>
          <figure
            className="h-56 rounded border border-line bg-surface p-2"
            aria-label="Their streams per week, good and poor."
          >
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 200 }}>
              <BarChart data={weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
                <XAxis dataKey="week" fontSize={11} minTickGap={24} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <Bar
                  dataKey="good"
                  stackId="s"
                  name="good streams"
                  fill="var(--color-chart-secondary)"
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="poor"
                  stackId="s"
                  name="poor streams"
                  fill="var(--color-chart-poor)"
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <div className="grid gap-3 md:grid-cols-2">
            <Card as="section" aria-labelledby="shared-heading" className="space-y-1">
              <h2 id="shared-heading" className="font-semibold">
                What the poor streams they sent share
              </h2>
              {data.shared.length === 0 ? (
                <p className="text-sm text-muted">Nothing most of them share.</p>
              ) : (
                <ul className="text-sm" data-testid="person-shared">
                  {data.shared.map((entry) => (
                    <li key={`${entry.dimension}:${entry.value}`}>
                      {entry.count} of {entry.of} — {entry.label}:{" "}
                      <Link className="underline" href={dimensionHref(entry.dimension, entry.value)}>
                        {entry.shown}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card as="section" aria-labelledby="partners-heading" className="space-y-1">
              <h2 id="partners-heading" className="font-semibold">
                Who they had poor streams with
              </h2>
              {data.partners.length === 0 ? (
                <p className="text-sm text-muted">No one.</p>
              ) : (
                <ul className="text-sm">
                  {data.partners.map((partner) => (
                    <li key={partner.person}>
                      {partner.name ?? `Participant ${partner.person.slice(0, 4).toUpperCase()}`}:{" "}
                      {partner.poorStreams} poor stream{partner.poorStreams === 1 ? "" : "s"}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
          <section aria-labelledby="person-calls-heading" className="space-y-2">
            <h2 id="person-calls-heading" className="text-lg font-semibold">
              Their calls
            </h2>
            <div className="relative overflow-x-auto">
              <Table className="min-w-[32rem] whitespace-nowrap" data-testid="person-calls">
                <thead>
                  <tr>
                    <Th>Started</Th>
                    <Th className="text-right">Sent poor</Th>
                    <Th className="text-right">Received poor</Th>
                    <Th>Call</Th>
                  </tr>
                </thead>
                <tbody>
                  {data.calls.map((call) => (
                    <tr
                      key={call.callId}
                      data-testid="person-call"
                      data-in-graph={call.inGraph ? "yes" : "no"}
                    >
                      <Td>{formatDateTime(call.startAt)}</Td>
                      <Td className="text-right tabular-nums">{call.sentPoor}</Td>
                      <Td className="text-right tabular-nums">{call.receivedPoor}</Td>
                      <Td>
                        {call.inGraph ? (
                          <Link className="underline" href={`/calls/${call.callId}`}>
                            Open
                          </Link>
                        ) : (
                          <span className="text-muted">stored summary (past Graph&apos;s 30 days)</span>
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </section>
        </>
      )}
    </section>
  );
}
