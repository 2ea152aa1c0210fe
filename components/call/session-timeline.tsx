"use client";
import { preloadMetricChart } from "@/components/charts/load-metric-chart";
import { useVirtualizer } from "@tanstack/react-virtual";
import { virtualBox } from "@/lib/client/virtual-box";
import { memo, useMemo, useRef } from "react";
import type { SessionSummary } from "@/lib/callrecords/analysis";
import { sideName } from "@/lib/callrecords/describe";
import { formatClock as clock } from "@/lib/format/dates";
import { callWindow, timelineRow, zoomWindow } from "@/lib/callrecords/timeline";
import { formatCount } from "@/lib/format/numbers";

const MODALITY_COLORS: Record<string, string> = {
  audio: "bg-audio",
  video: "bg-video",
  screenSharing: "bg-screen",
  videoBasedScreenSharing: "bg-screen",
  data: "bg-data",
};
const ROW = 22;
const ZOOMS = [1, 0.5, 0.25, 0.1, 0.05];

/** Room for the names at the left of each row. */
const LABEL = "w-28 sm:w-44";

export const SessionTimeline = memo(function SessionTimeline({
  summaries,
  shown,
  selected,
  onSelect,
  zoom,
  offset,
  onZoom,
}: {
  /** Every session: the time axis spans the whole call. */
  summaries: SessionSummary[];
  /** The sessions the table's filters keep: the rows drawn. */
  shown: SessionSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  zoom: number;
  offset: number;
  onZoom: (zoom: number, offset: number) => void;
}) {
  const full = useMemo(() => callWindow(summaries), [summaries]);
  const fraction = ZOOMS[zoom] ?? 1;
  const window = useMemo(() => zoomWindow(full, fraction, offset), [full, fraction, offset]);
  const ordered = useMemo(() => [...shown].sort((a, b) => a.startMs - b.startMs), [shown]);
  // Each row's bars are worked out as it scrolls into view: all of a town hall's at once took 20–50 ms of one render.
  const scroller = useRef<HTMLDivElement>(null);
  const boxHeight = Math.min(288, ordered.length * ROW + 8);
  const virtual = useVirtualizer({
    count: ordered.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    ...virtualBox(boxHeight),
  });

  return (
    <section aria-labelledby="timeline-heading" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Session timeline
        </h2>
        <div className="flex items-center gap-2 text-sm">
          <button
            type="button"
            className="rounded border px-2 disabled:opacity-40"
            onClick={() => onZoom(Math.max(0, zoom - 1), offset)}
            disabled={zoom === 0}
            aria-label="Zoom out"
          >
            −
          </button>
          <span aria-live="polite">{Math.round(100 / fraction)}%</span>
          <button
            type="button"
            className="rounded border px-2 disabled:opacity-40"
            onClick={() => onZoom(Math.min(ZOOMS.length - 1, zoom + 1), offset)}
            disabled={zoom === ZOOMS.length - 1}
            aria-label="Zoom in"
          >
            +
          </button>
          <label className="flex items-center gap-1">
            <span className="sr-only">Pan through the call</span>
            <input
              type="range"
              min={0}
              max={1 - fraction}
              step={0.005}
              value={Math.min(offset, 1 - fraction)}
              disabled={fraction === 1}
              onChange={(e) => onZoom(zoom, Number(e.target.value))}
            />
          </label>
        </div>
      </div>
      {shown.length < summaries.length && (
        <p className="text-sm text-muted" data-testid="timeline-filtered">
          {formatCount(shown.length)} of {formatCount(summaries.length)} sessions: the table&apos;s filters
          apply here too.
        </p>
      )}
      <div className="flex justify-between text-xs text-muted">
        <span className={LABEL} />
        <span className="flex flex-1 justify-between">
          <span>{clock(window.start)} UTC</span>
          <span>{clock(window.end)} UTC</span>
        </span>
      </div>
      <div className="flex flex-wrap gap-3 text-xs" aria-label="Legend">
        {["audio", "video", "screenSharing", "data"].map((m) => (
          <span key={m} className="flex items-center gap-1">
            <span className={`inline-block h-2 w-4 rounded ${MODALITY_COLORS[m]}`} />
            {m}
          </span>
        ))}
        <span className="flex items-center gap-1">
          <span className="inline-block h-2 w-4 rounded border-2 border-poor" />✕ poor
        </span>
      </div>
      <div
        ref={scroller}
        style={{ height: boxHeight }}
        // Strict containment, as in the sessions table: the box and its rows have set sizes.
        className="relative overflow-auto rounded border border-line bg-surface [contain:strict]"
        data-testid="timeline"
      >
        <ul
          style={{ height: virtual.getTotalSize() }}
          className="relative"
          aria-label={`${ordered.length} sessions on a time axis`}
        >
          {virtual.getVirtualItems().map((item) => {
            const summary = ordered[item.index];
            if (!summary) return null;
            const row = timelineRow(summary, window);
            const names = `${sideName(summary.session.caller)} → ${sideName(summary.session.callee)}`;
            const title = `${names}, ${clock(summary.startMs)}–${clock(summary.endMs)} UTC, ${row.modality}, ${row.quality}${summary.poorBecause ? ` (${summary.poorBecause})` : ""}`;
            return (
              <li
                key={row.sessionId}
                className="absolute left-0 right-0 flex items-stretch [contain:strict]"
                style={{ top: item.start, height: ROW }}
              >
                <span
                  className={`${LABEL} shrink-0 truncate pl-1 pr-2 text-xs leading-[22px]`}
                  title={names}
                  data-testid="timeline-names"
                >
                  <bdi>{names}</bdi>
                </span>
                <span className="relative flex-1">
                  <button
                    type="button"
                    title={title}
                    aria-label={title}
                    aria-pressed={selected === row.sessionId}
                    onClick={() => onSelect(row.sessionId)}
                    onPointerEnter={preloadMetricChart}
                    onFocus={preloadMetricChart}
                    className={`absolute top-1 h-3.5 overflow-hidden rounded-sm ${MODALITY_COLORS[row.modality] ?? "bg-unclassified"} ${row.quality === "poor" ? "ring-2 ring-poor" : ""} ${selected === row.sessionId ? "outline outline-2 outline-offset-1 outline-fg" : ""}`}
                    style={{
                      left: `${Math.max(0, row.bar.left)}%`,
                      width: `${Math.min(100 - Math.max(0, row.bar.left), row.bar.width + Math.min(0, row.bar.left))}%`,
                    }}
                  >
                    {row.segments.length > 1 &&
                      row.segments
                        .slice(1)
                        .map((segment) => (
                          <span
                            key={segment.id}
                            className="absolute top-0 h-full w-px bg-white/80"
                            style={{ left: `${((segment.left - row.bar.left) / row.bar.width) * 100}%` }}
                          />
                        ))}
                    {row.quality === "poor" && (
                      <span
                        aria-hidden="true"
                        className="absolute right-0.5 top-[-3px] text-[10px] font-bold text-white"
                      >
                        ✕
                      </span>
                    )}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
});
