import type { SessionFilters, SessionSortKey } from "@/lib/callrecords/session-filter";
import { NO_FILTERS } from "@/lib/callrecords/session-filter";
import type { Quality } from "@/lib/callrecords/verdict";

/** Everything that shapes a call view, kept in the URL so a copied address reopens the same view. */
export interface ViewState {
  session: string | null;
  segment: number;
  filters: SessionFilters;
  sort: { key: SessionSortKey; descending: boolean };
  /** Timeline zoom level (0 = whole call) and pan offset (0–1). */
  zoom: number;
  pan: number;
  /** Two people of a meeting compared side by side (their participant keys), or null. */
  compare: [string, string] | null;
}

export const DEFAULT_VIEW: ViewState = {
  session: null,
  segment: 0,
  filters: NO_FILTERS,
  sort: { key: "start", descending: false },
  zoom: 0,
  pan: 0,
  compare: null,
};

const SORT_KEYS: readonly SessionSortKey[] = ["start", "duration", "quality", "caller", "callee"];
const QUALITIES: readonly Quality[] = ["good", "poor", "unclassified"];
const SESSION_ID = /^[A-Za-z0-9-]{1,100}$/;
const TEXT = /^[^<>]{0,100}$/;
export const MAX_ZOOM = 4;

const PERSON_KEY = /^[^<>]{1,300}$/;
/** A story line's ID (meeting-story.ts): `sender:…`, `person:…` or `factor:{name}:{value}`. */
const CAUSE_ID = /^(sender|person|factor):[^<>]{1,300}$/;

/** Two different people to compare, given as two `cmp` parameters. */
function readPair(raw: string[], invalid: string[]): [string, string] | null {
  if (raw.length === 0) return null;
  const [a, b] = raw;
  if (raw.length === 2 && a && b && a !== b && PERSON_KEY.test(a) && PERSON_KEY.test(b)) return [a, b];
  invalid.push("cmp");
  return null;
}

/** Reads a view from URL parameters; anything invalid falls back to its default and is named in `invalid`. */
export function parseViewState(params: URLSearchParams): { state: ViewState; invalid: string[] } {
  const invalid: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | undefined): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const value = parse(raw);
    if (value === undefined) {
      invalid.push(name);
      return fallback;
    }
    return value;
  };
  const int = (min: number, max: number) => (raw: string) =>
    /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined;
  const flag = (raw: string) => (raw === "1" ? true : raw === "0" ? false : undefined);
  const token = (raw: string) => (/^[A-Za-z]{1,40}$/.test(raw) ? raw : undefined);
  const state: ViewState = {
    session: read("session", null, (raw) => (SESSION_ID.test(raw) ? raw : undefined)),
    segment: read("segment", 0, int(0, 1000)),
    filters: {
      poorOnly: read("poor", false, flag),
      feedbackOnly: read("feedback", false, flag),
      text: read("q", "", (raw) => (TEXT.test(raw) ? raw : undefined)),
      modality: read("modality", null, token),
      quality: read("quality", null, (raw) =>
        (QUALITIES as readonly string[]).includes(raw) ? (raw as Quality) : undefined,
      ),
      platform: read("platform", null, token),
      connectionType: read("conn", null, token),
      failedOnly: read("failed", false, flag),
      cause: read("cause", null, (raw) => (CAUSE_ID.test(raw) ? raw : undefined)),
    },
    sort: {
      key: read("sort", "start" as SessionSortKey, (raw) =>
        (SORT_KEYS as readonly string[]).includes(raw) ? (raw as SessionSortKey) : undefined,
      ),
      descending: read("desc", false, flag),
    },
    zoom: read("zoom", 0, int(0, MAX_ZOOM)),
    pan: read("pan", 0, (raw) => (/^(0(\.\d{1,4})?|1)$/.test(raw) ? Number(raw) : undefined)),
    compare: readPair(params.getAll("cmp"), invalid),
  };
  // A parameter no view reads (a typo, an old link's) is named too, not dropped in silence.
  const unknown = [...new Set(params.keys())].filter((name) => !VIEW_PARAMETERS.has(name));
  return {
    state,
    invalid: [...invalid, ...unknown.map((name) => `${name.slice(0, 40)} (not a callscope setting)`)],
  };
}

/** Every parameter a call view reads. */
const VIEW_PARAMETERS = new Set([
  "session",
  "segment",
  "poor",
  "feedback",
  "q",
  "modality",
  "quality",
  "platform",
  "conn",
  "failed",
  "cause",
  "sort",
  "desc",
  "zoom",
  "pan",
  "cmp",
]);

/** The URL parameters for a view, leaving out defaults so links stay short. */
export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.session) params.set("session", state.session);
  if (state.session && state.segment > 0) params.set("segment", String(state.segment));
  const f = state.filters;
  if (f.poorOnly) params.set("poor", "1");
  if (f.feedbackOnly) params.set("feedback", "1");
  if (f.text) params.set("q", f.text);
  if (f.modality) params.set("modality", f.modality);
  if (f.quality) params.set("quality", f.quality);
  if (f.platform) params.set("platform", f.platform);
  if (f.connectionType) params.set("conn", f.connectionType);
  if (f.failedOnly) params.set("failed", "1");
  if (f.cause) params.set("cause", f.cause);
  if (state.sort.key !== "start") params.set("sort", state.sort.key);
  if (state.sort.descending) params.set("desc", "1");
  if (state.zoom > 0) params.set("zoom", String(state.zoom));
  if (state.zoom > 0 && state.pan > 0) params.set("pan", String(+state.pan.toFixed(4)));
  for (const key of state.compare ?? []) params.append("cmp", key);
  return params;
}
