import type { SessionSummary } from "./analysis";
import { failureOf } from "./failures";
import type { Quality } from "./verdict";

export interface SessionFilters {
  modality: string | null;
  quality: Quality | null;
  platform: string | null;
  connectionType: string | null;
  feedbackOnly: boolean;
  poorOnly: boolean;
  failedOnly: boolean;
  /** A cause of the meeting's story (meeting-story.ts): only the sessions it is about. */
  cause: string | null;
  text: string;
}

export const NO_FILTERS: SessionFilters = {
  modality: null,
  quality: null,
  platform: null,
  connectionType: null,
  feedbackOnly: false,
  poorOnly: false,
  failedOnly: false,
  cause: null,
  text: "",
};

export type SessionSortKey = "start" | "duration" | "quality" | "caller" | "callee";

export interface SessionFacets {
  platforms: string[];
  connectionTypes: string[];
}

export function facetsOf(summary: SessionSummary): SessionFacets {
  const platforms = new Set<string>();
  const connectionTypes = new Set<string>();
  addFacets(summary, platforms, connectionTypes);
  return { platforms: [...platforms], connectionTypes: [...connectionTypes] };
}

/** A session's platforms and connection types, added to the sets given. */
function addFacets(summary: SessionSummary, platforms: Set<string>, connectionTypes: Set<string>) {
  for (const endpoint of [summary.session.caller, summary.session.callee]) {
    if (endpoint?.userAgent?.platform && endpoint.kind !== "service")
      platforms.add(endpoint.userAgent.platform);
  }
  for (const segment of summary.session.segments) {
    for (const media of segment.media) {
      if (media.callerNetwork?.connectionType) connectionTypes.add(media.callerNetwork.connectionType);
      if (media.calleeNetwork?.connectionType) connectionTypes.add(media.calleeNetwork.connectionType);
    }
  }
}

/**
 * The sessions the filters keep. `causeSessions` is the chosen cause's own list (null: no such cause here,
 * so that filter keeps everything and the page says so).
 */
export function filterSessions(
  summaries: readonly SessionSummary[],
  filters: SessionFilters,
  causeSessions: ReadonlySet<string> | null = null,
): SessionSummary[] {
  const text = filters.text.trim().toLowerCase();
  return summaries.filter((summary) => {
    if (causeSessions && !causeSessions.has(summary.session.id)) return false;
    if (filters.poorOnly && summary.quality !== "poor") return false;
    if (filters.failedOnly && !summary.failed) return false;
    if (filters.quality && summary.quality !== filters.quality) return false;
    if (filters.feedbackOnly && !summary.hasFeedback) return false;
    if (filters.modality && !summary.session.modalities.includes(filters.modality)) return false;
    if (filters.platform || filters.connectionType) {
      const facets = facetsOf(summary);
      if (filters.platform && !facets.platforms.includes(filters.platform)) return false;
      if (filters.connectionType && !facets.connectionTypes.includes(filters.connectionType)) return false;
    }
    if (text) {
      const failure = failureOf(summary.session);
      const haystack = [
        summary.session.id,
        summary.session.caller?.identity?.displayName,
        summary.session.callee?.identity?.displayName,
        failure ? `failed ${failure.stage ?? ""} ${failure.reason ?? ""}` : null,
      ]
        .filter(Boolean)
        .join(" ")
        .toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  });
}

const QUALITY_ORDER: Record<Quality, number> = { poor: 0, unclassified: 1, good: 2 };
const nameOf = (summary: SessionSummary, side: "caller" | "callee") =>
  summary.session[side]?.identity?.displayName ?? summary.session[side]?.userAgent?.role ?? "";

export function sortSessions(
  summaries: readonly SessionSummary[],
  key: SessionSortKey,
  descending: boolean,
): SessionSummary[] {
  const compare: Record<SessionSortKey, (a: SessionSummary, b: SessionSummary) => number> = {
    start: (a, b) => a.startMs - b.startMs,
    duration: (a, b) => a.endMs - a.startMs - (b.endMs - b.startMs),
    quality: (a, b) => QUALITY_ORDER[a.quality] - QUALITY_ORDER[b.quality],
    caller: (a, b) => nameOf(a, "caller").localeCompare(nameOf(b, "caller")),
    callee: (a, b) => nameOf(a, "callee").localeCompare(nameOf(b, "callee")),
  };
  const sorted = [...summaries].sort((a, b) => compare[key](a, b) || a.startMs - b.startMs);
  return descending ? sorted.reverse() : sorted;
}

export function collectFacets(
  summaries: readonly SessionSummary[],
): SessionFacets & { modalities: string[] } {
  const platforms = new Set<string>();
  const connectionTypes = new Set<string>();
  const modalities = new Set<string>();
  // Straight into the call's sets: a pair of sets per session was most of the 10–20 ms this took for a town hall.
  for (const summary of summaries) {
    addFacets(summary, platforms, connectionTypes);
    for (const modality of summary.session.modalities) modalities.add(modality);
  }
  return {
    platforms: [...platforms].sort(),
    connectionTypes: [...connectionTypes].sort(),
    modalities: [...modalities].sort(),
  };
}
