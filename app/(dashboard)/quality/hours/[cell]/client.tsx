"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { HistoryCalls } from "@/components/quality/history-calls";
import { QueryError } from "@/components/ui/query-error";
import { useHourCalls } from "@/lib/client/quality";

const WEEKDAYS = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];

export function HourView({ cell }: { cell: string }) {
  const params = useSearchParams();
  const query = useMemo(() => new URLSearchParams(params.toString()), [params]);
  const result = useHourCalls(cell, query);
  const data = result.data;
  return (
    <section aria-labelledby="hour-heading" className="space-y-4">
      <p className="text-sm">
        <Link href={`/quality?${query.toString()}`} className="underline">
          ← Quality over time
        </Link>
      </p>
      <h1 id="hour-heading" className="text-2xl font-semibold">
        {data ? `Calls on ${WEEKDAYS[data.weekday]} at ${data.hour}:00 UTC` : "Calls of one hour"}
      </h1>
      {result.error && <QueryError error={result.error} onRetry={() => void result.refetch()} />}
      {data && (
        <>
          <p className="text-sm text-muted">
            {data.from} to {data.to}, newest first (at most 100).
          </p>
          <HistoryCalls calls={data.calls} testId="hour-calls" />
        </>
      )}
    </section>
  );
}
