"use client";
import { preloadMetricChart } from "@/components/charts/load-metric-chart";
import { useVirtualizer } from "@tanstack/react-virtual";
import { virtualBox } from "@/lib/client/virtual-box";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import type { SessionSummary } from "@/lib/callrecords/analysis";
import { endpointLabel, formatDuration } from "@/lib/callrecords/describe";
import { formatClock } from "@/lib/format/dates";
import {
  collectFacets,
  filterSessions,
  sortSessions,
  type SessionFilters,
  type SessionSortKey,
} from "@/lib/callrecords/session-filter";
import { QualityBadge } from "@/components/ui/quality-badge";
import { Badge } from "@/components/ui/badge";
import type { SiteOf } from "@/lib/callrecords/compare";
import { failureOf, STAGE_LABELS } from "@/lib/callrecords/failures";
import { storyCell, type StoryLine } from "@/lib/callrecords/meeting-story";
import { lookup } from "@/lib/callrecords/describe";
import { formatCount } from "@/lib/format/numbers";

const ROW = 40;
const COLUMNS: { key: SessionSortKey; label: string }[] = [
  { key: "start", label: "Start (UTC)" },
  { key: "duration", label: "Duration" },
  { key: "caller", label: "Caller" },
  { key: "callee", label: "Callee" },
  { key: "quality", label: "Quality" },
];
// The cause column comes and goes with the cause filter.
const GRID = "grid grid-cols-[7rem_6rem_1fr_1fr_minmax(8rem,1.5fr)_7rem] gap-2 px-2";
const GRID_WITH_CAUSE =
  "grid grid-cols-[7rem_6rem_1fr_1fr_minmax(8rem,1.5fr)_7rem_minmax(7rem,1fr)] gap-2 px-2";

function failureCell(summary: SessionSummary): string {
  const failure = failureOf(summary.session);
  if (!failure) return "";
  return `failed ${failure.stage ? (lookup(STAGE_LABELS, failure.stage) ?? failure.stage) : ""}`.trim();
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | null;
  options: string[];
  onChange: (v: string | null) => void;
}) {
  return (
    <label className="flex flex-col text-xs">
      {label}
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className="rounded border border-line-strong bg-surface px-1 py-1 text-sm"
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-1 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export interface Sort {
  key: SessionSortKey;
  descending: boolean;
}

export const SessionsTable = memo(function SessionsTable({
  cause,
  causeMissing,
  siteOf,
  summaries,
  selected,
  onSelect,
  filters,
  onFilters,
  sort,
  onSort,
}: {
  /** The meeting cause whose sessions the `cause` filter keeps, when it names one of this call's. */
  cause: StoryLine | null;
  /** The filter names a cause this call does not have (an old link): say so, show everything. */
  causeMissing: boolean;
  siteOf?: SiteOf;
  summaries: SessionSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  filters: SessionFilters;
  onFilters: (filters: SessionFilters) => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const facets = useMemo(() => collectFacets(summaries), [summaries]);
  const causeSessions = useMemo(() => (cause ? new Set(cause.sessionIds) : null), [cause]);
  const rows = useMemo(
    () => sortSessions(filterSessions(summaries, filters, causeSessions), sort.key, sort.descending),
    [summaries, filters, causeSessions, sort],
  );
  const grid = cause ? GRID_WITH_CAUSE : GRID;
  const scroller = useRef<HTMLDivElement>(null);
  const boxHeight = Math.min(384, rows.length * ROW + 2);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoised by the compiler, as intended
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    ...virtualBox(boxHeight),
  });
  const set = <K extends keyof SessionFilters>(key: K, value: SessionFilters[K]) =>
    onFilters({ ...filters, [key]: value });
  // Typing stays local and reaches the URL a moment later, so no keystroke waits on navigation.
  const [text, setText] = useState(filters.text);
  const latest = useRef({ filters, onFilters });
  latest.current = { filters, onFilters };
  useEffect(() => {
    if (text === latest.current.filters.text) return;
    const timer = setTimeout(() => latest.current.onFilters({ ...latest.current.filters, text }), 300);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <section aria-labelledby="sessions-heading" className="space-y-2">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Sessions
      </h2>
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter sessions">
        <label className="flex flex-col text-xs">
          Search
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="name or session ID"
            className="rounded border border-line-strong bg-surface px-2 py-1 text-sm"
          />
        </label>
        <Select
          label="Modality"
          value={filters.modality}
          options={facets.modalities}
          onChange={(v) => set("modality", v)}
        />
        <Select
          label="Quality"
          value={filters.quality}
          options={["good", "poor", "unclassified"]}
          onChange={(v) => set("quality", v as SessionFilters["quality"])}
        />
        <Select
          label="Platform"
          value={filters.platform}
          options={facets.platforms}
          onChange={(v) => set("platform", v)}
        />
        <Select
          label="Connection"
          value={filters.connectionType}
          options={facets.connectionTypes}
          onChange={(v) => set("connectionType", v)}
        />
        <Check label="Has feedback" checked={filters.feedbackOnly} onChange={(v) => set("feedbackOnly", v)} />
        <Check label="Poor only" checked={filters.poorOnly} onChange={(v) => set("poorOnly", v)} />
        <Check label="Failed only" checked={filters.failedOnly} onChange={(v) => set("failedOnly", v)} />
      </div>
      {(cause || causeMissing) && (
        <p className="flex flex-wrap items-baseline gap-2 text-sm" role="status" data-testid="cause-filter">
          {cause ? (
            <span>
              Sessions of one cause: <strong>{cause.column}</strong> ({formatCount(cause.sessionIds.length)}{" "}
              {cause.sessionIds.length === 1 ? "session" : "sessions"})
            </span>
          ) : (
            <span>The cause in this link is not among this call&apos;s causes: showing every session.</span>
          )}
          <button type="button" className="underline" onClick={() => set("cause", null)}>
            Clear
          </button>
        </p>
      )}
      <p className="text-sm text-muted" aria-live="polite" data-testid="sessions-count">
        {formatCount(rows.length)} of {formatCount(summaries.length)}{" "}
        {summaries.length === 1 ? "session" : "sessions"} shown
      </p>
      {/* The grid keeps its columns readable and scrolls sideways in its own box on a narrow screen. */}
      <div className="relative overflow-x-auto rounded border border-line">
        <div
          role="table"
          aria-label="Sessions"
          aria-rowcount={rows.length + 1}
          className={`${cause ? "min-w-[56rem]" : "min-w-[48rem]"} bg-surface text-sm`}
        >
          <div role="row" className={`${grid} border-b border-line py-2 font-medium`}>
            {COLUMNS.map((column) => (
              <div
                role="columnheader"
                key={column.key}
                aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : "none"}
              >
                <button
                  type="button"
                  onClick={() =>
                    onSort({
                      key: column.key,
                      descending: sort.key === column.key ? !sort.descending : false,
                    })
                  }
                >
                  {column.label}
                  {sort.key === column.key ? (sort.descending ? " ↓" : " ↑") : ""}
                </button>
              </div>
            ))}
            <div role="columnheader">Failure</div>
            {cause && (
              <div role="columnheader" className="truncate" data-testid="cause-column">
                {cause.column}
              </div>
            )}
          </div>
          <div
            ref={scroller}
            // Strict containment: the box and each row have a set size, so rows coming and going lay out and paint
            // inside them without the browser looking at the rest of the page.
            className="relative max-h-96 overflow-auto [contain:strict]"
            style={{ height: boxHeight }}
            data-testid="sessions-table"
          >
            <div role="rowgroup" style={{ height: virtual.getTotalSize() }} className="relative">
              {virtual.getVirtualItems().map((item) => {
                const summary = rows[item.index];
                if (!summary) return null;
                const { session } = summary;
                return (
                  <div
                    role="row"
                    key={session.id}
                    aria-rowindex={item.index + 2}
                    aria-selected={selected === session.id}
                    className={`${grid} absolute left-0 right-0 items-center [contain:strict] border-b border-line-faint ${selected === session.id ? "bg-selected" : ""}`}
                    style={{ top: item.start, height: ROW }}
                  >
                    <div role="cell">
                      <button
                        type="button"
                        className="text-left underline"
                        onClick={() => onSelect(session.id)}
                        onPointerEnter={preloadMetricChart}
                        onFocus={preloadMetricChart}
                      >
                        {formatClock(summary.startMs)}
                      </button>
                    </div>
                    <div role="cell">{formatDuration(summary.endMs - summary.startMs)}</div>
                    <div role="cell" className="truncate">
                      {endpointLabel(session.caller)}
                    </div>
                    <div role="cell" className="truncate">
                      {endpointLabel(session.callee)}
                    </div>
                    <div role="cell" className="flex items-center gap-2 truncate">
                      <QualityBadge quality={summary.quality} />
                      {summary.hasFeedback && <Badge>feedback</Badge>}
                      {summary.session.isTest && <Badge>test call</Badge>}
                      <span className="truncate text-xs text-muted">{summary.poorBecause ?? ""}</span>
                    </div>
                    <div
                      role="cell"
                      className="truncate text-xs font-medium text-poor-text"
                      data-testid="failure-cell"
                    >
                      {failureCell(summary)}
                    </div>
                    {cause && (
                      <div role="cell" className="truncate text-xs" data-testid="cause-cell">
                        {storyCell(cause, summary.rows, siteOf)}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
});
