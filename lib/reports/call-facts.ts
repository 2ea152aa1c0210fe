import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { dedupeSessions } from "@/lib/callrecords/dedupe";
import type { Session } from "@/lib/callrecords/model";
import { parseSessionsPageBody } from "@/lib/callrecords/parse";
import type { Quality } from "@/lib/callrecords/verdict";
import { verdictSummary } from "@/lib/callrecords/verdict-summary";
import type { RawPart } from "@/lib/graph/callrecords";

/** What the reports list says about a report's call, read once when the report is made. */
export interface ReportCallFacts {
  callStart: string | null;
  callType: string | null;
  quality: Quality | null;
  poorShare: number | null;
}

/** Sessions parsed per slice: a 3,000-session snapshot must not hold the thread while its verdict is worked out. */
const SLICE = 20;

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/**
 * Watches a call's parts go by on their way into a report and works out the call's date, type and verdict
 * from them: the same parse and the same verdict as the drill-down, so the list and the report agree.
 */
export function callFactsTap() {
  const raw: string[] = [];
  let record: Record<string, unknown> | null = null;
  return {
    async *through(parts: AsyncIterable<RawPart>): AsyncGenerator<RawPart> {
      for await (const part of parts) {
        if ("rawSessions" in part) raw.push(...part.rawSessions);
        else record = part.record;
        yield part;
      }
    },
    async facts(): Promise<ReportCallFacts> {
      const callType = text(record?.type);
      const sessions: Session[] = [];
      const seen = new Set<string>();
      for (let start = 0; start < raw.length; start += SLICE) {
        if (start > 0) await nextTurn();
        const value = raw.slice(start, start + SLICE).map((item) => JSON.parse(item) as unknown);
        sessions.push(...dedupeSessions(parseSessionsPageBody({ value }).sessions, seen));
      }
      await nextTurn();
      const verdict = sessions.length > 0 ? verdictSummary(sessions, callType) : null;
      return {
        callStart: text(record?.startDateTime),
        callType,
        quality: verdict?.quality ?? null,
        poorShare: verdict ? verdict.poorShare : null,
      };
    },
  };
}
