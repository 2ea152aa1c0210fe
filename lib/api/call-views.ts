import "server-only";
import type { CallSummary, Participant, Session } from "@/lib/callrecords/model";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import type { CacheEntry, PageCache } from "./cache";
import { sessionsPart } from "./call-pages";
import { json, parseJsonBytes, type JsonText } from "./json-parts";

function participantsInView(text: JsonText, view: View): JsonText {
  const people = JSON.parse(text) as {
    v2: Participant[] | null;
    legacy: Participant[];
    unavailable: string | null;
  };
  return json({
    v2: people.v2 && view.participants(people.v2),
    legacy: view.participants(people.legacy),
    unavailable: people.unavailable,
  });
}

/** An entry as `view` shows it: parsed, masked and serialised again. Graph's raw JSON is for the full view only. */
function toView<E extends CacheEntry>(full: E, view: View): E {
  if (full.kind === "people")
    return { ...full, participantsJson: participantsInView(full.participantsJson, view), raw: null };
  const sessions = sessionsPart(view.sessions(parseJsonBytes(full.sessionsJson) as Session[]));
  if (full.kind === "sessions") return { ...full, ...sessions, raw: null };
  return {
    ...full,
    ...sessions,
    callJson: json(view.call(JSON.parse(full.callJson) as CallSummary)),
    legacyParticipantsJson: json(view.participants(JSON.parse(full.legacyParticipantsJson) as Participant[])),
    raw: null,
  };
}

/**
 * Entries as each role sees them. Graph is read once per page, in full; other views are derived from that
 * cached full entry (and cached themselves under the view's name), so a Reader after an Investigator
 * costs Graph nothing.
 */
export function createViews(cached: PageCache) {
  return function inView<E extends CacheEntry>(
    key: string,
    ttl: number,
    trace: Parameters<PageCache>[2],
    view: View,
    full: E,
  ): Promise<E> {
    if (view === FULL_VIEW) return Promise.resolve(full);
    return cached(`${key}:${view.name}`, ttl, trace, async () => toView(full, view));
  };
}
