import type { SessionSummary } from "./analysis";
import type { Quality } from "./verdict";

export interface TimeWindow {
  start: number;
  end: number;
}

export interface TimelineBar {
  id: string;
  /** Percent of the window from its left edge; may be negative or over 100 when zoomed. */
  left: number;
  width: number;
}

export interface TimelineRow {
  sessionId: string;
  modality: string;
  quality: Quality;
  bar: TimelineBar;
  segments: TimelineBar[];
  visible: boolean;
}

const MODALITY_RANK = ["screenSharing", "videoBasedScreenSharing", "video", "audio", "data"];

/** The modality a session is drawn in: the richest it carried. */
export function primaryModality(modalities: readonly string[]): string {
  return MODALITY_RANK.find((m) => modalities.includes(m)) ?? modalities[0] ?? "unknown";
}

export function callWindow(summaries: readonly SessionSummary[]): TimeWindow {
  let start = Infinity;
  let end = -Infinity;
  for (const summary of summaries) {
    start = Math.min(start, summary.startMs);
    end = Math.max(end, summary.endMs);
  }
  return Number.isFinite(start) ? { start, end: Math.max(end, start + 1) } : { start: 0, end: 1 };
}

/** Zooms into `fraction` of the call (0–1 wide) starting at `offset` (0–1), kept inside the call. */
export function zoomWindow(full: TimeWindow, fraction: number, offset: number): TimeWindow {
  const span = full.end - full.start;
  const width = Math.min(1, Math.max(0.01, fraction));
  const from = Math.min(Math.max(0, offset), 1 - width);
  return { start: full.start + span * from, end: full.start + span * (from + width) };
}

function bar(id: string, start: number, end: number, window: TimeWindow): TimelineBar {
  const span = window.end - window.start;
  return {
    id,
    left: ((start - window.start) / span) * 100,
    width: Math.max(0.2, ((end - start) / span) * 100),
  };
}

/** One session's row on the time axis. Made for the rows on screen only: a town hall has thousands. */
export function timelineRow(summary: SessionSummary, window: TimeWindow): TimelineRow {
  return {
    sessionId: summary.session.id,
    modality: primaryModality(summary.session.modalities),
    quality: summary.quality,
    bar: bar(summary.session.id, summary.startMs, summary.endMs, window),
    segments: summary.session.segments.map((segment) =>
      bar(segment.id, Date.parse(segment.startDateTime), Date.parse(segment.endDateTime), window),
    ),
    visible: summary.endMs >= window.start && summary.startMs <= window.end,
  };
}
