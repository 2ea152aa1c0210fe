import "server-only";
import { formatDateTime } from "@/lib/format/dates";
import { newTrace } from "./trace";
import { createSingleFlight } from "./single-flight";
import type { CallSummary, Session } from "@/lib/callrecords/model";
import { followPages } from "@/lib/graph/paging";
import { LRUCache } from "lru-cache";
import type { PhoneLogKind, PhoneLogRow } from "@/lib/callrecords/phone-log";
import { parsePhoneLogPage } from "@/lib/callrecords/parse-phone-log";
import { describeMatch, matchPhoneRows, MATCH_SLACK_MS, phoneLegsOf } from "@/lib/callrecords/phone-legs";
import { rolesInView } from "@/lib/callrecords/person-parts";
import { setImmediate as nextTurn } from "node:timers/promises";
import { runStepsBetween } from "@/lib/callrecords/analyze";
import { verdictSummarySteps, type VerdictSummary } from "@/lib/callrecords/verdict-summary";
import type { View } from "@/lib/callrecords/view";
import { GraphFailure } from "@/lib/graph/errors";
import type { SearchReader } from "@/lib/graph/search";
import type { CallService } from "./call-service";
import { countUpstream, type RequestTrace } from "./trace";
import { createConcurrencyLimit } from "./concurrency";
import { searchFailure } from "./search-service";

/** A list row's verdict reads at most this many sessions (ten of Graph's pages); a bigger call says it was cut. */
const SUMMARY_SESSIONS = 600;
/** How far around the call the phone logs are read: rows start before the record (invite) or end after it. */
const LOG_MARGIN_MS = 10 * 60_000;
const LOG_PAGES = 5;

type Judged = VerdictSummary & {
  id: string;
  version: number;
  sessionsRead: number;
  complete: boolean;
};

export interface InsightsOptions {
  calls: CallService;
  reader: SearchReader;
  /** Records read at once for summaries, across every user: a screen of results must not crowd out drill-downs. */
  concurrency?: number;
  /** Told each call read whole for a summary (the quality history keeps its streams). */
  onRead?: (call: CallSummary, sessions: readonly Session[]) => Promise<void>;
}

/** What callscope derives about a call beyond its own record: a verdict for list rows, and its phone legs. */
export function createCallInsights(options: InsightsOptions) {
  const limit = createConcurrencyLimit(options.concurrency ?? 24);
  const judged = new LRUCache<string, Judged>({ max: 5000, ttl: 10 * 60_000 });
  const summaries = new LRUCache<string, string>({ max: 5000, ttl: 10 * 60_000 });
  const legs = new LRUCache<string, string>({ max: 500, ttl: 2 * 60_000 });
  const judging = createSingleFlight<Judged>();

  async function readLog(kind: PhoneLogKind, from: number, to: number, trace: RequestTrace) {
    const rows: PhoneLogRow[] = [];
    const walk = followPages((link) => options.reader.phoneLog(kind, from, to, link), {
      what: "phone log",
      maxPages: LOG_PAGES,
    });
    for await (const result of walk) {
      countUpstream(trace, result);
      rows.push(...parsePhoneLogPage(kind, result.body).rows);
    }
    return { rows, complete: walk.incomplete === null };
  }

  return {
    /** Every row of a phone log in a window (alerts' trunk rules; up to the log's page cap). */
    phoneLog: (kind: PhoneLogKind, from: number, to: number) => readLog(kind, from, to, newTrace()),

    /**
     * The call's verdict, worst metric and each person's part, for a row of search results: judged once per
     * call, then shown per view (people masked for Readers).
     */
    async summary(callId: string, view: View, trace: RequestTrace): Promise<string> {
      const key = `${callId}:${view.name}`;
      const shown = summaries.get(key);
      if (shown) {
        trace.cacheHits += 1;
        return shown;
      }
      let full = judged.get(callId);
      if (!full) {
        // Requests for the same call at once share one judging (50 people opening a call judge it once).
        const flight = judging.run(callId, async () => {
          const { call, sessions, complete } = await limit(() =>
            options.calls.readCall(callId, trace, SUMMARY_SESSIONS),
          );
          const result: Judged = {
            id: call.id,
            version: call.version,
            // In steps, so the pages of the call being read meanwhile are not kept waiting.
            ...(await runStepsBetween(verdictSummarySteps(sessions, call.type), nextTurn)),
            sessionsRead: sessions.length,
            complete,
          };
          judged.set(callId, result);
          // Off the response's path: the history's write never delays the row.
          void options.onRead?.(call, sessions);
          return result;
        });
        full = await flight.promise;
      } else trace.cacheHits += 1;
      const json = JSON.stringify({ ...full, roles: rolesInView(full.roles, view) });
      summaries.set(key, json);
      return json;
    },

    /** The PSTN and Direct Routing log rows that are this call's phone legs, and how they were matched. */
    async phoneLegs(callId: string, view: View, trace: RequestTrace): Promise<string> {
      const key = `${callId}:${view.name}`;
      const cached = legs.get(key);
      if (cached) return cached;
      const { call, sessions } = await options.calls.readCall(callId, trace, SUMMARY_SESSIONS);
      let participants: Awaited<ReturnType<CallService["participantList"]>> = [];
      try {
        participants = await options.calls.participantList(callId, trace);
      } catch (error) {
        // Without participants_v2 the sessions' own endpoints still name the phone leg.
        if (!(error instanceof GraphFailure)) throw error;
      }
      const phone = phoneLegsOf(call, sessions, participants);
      if (!phone.reason) {
        const json = JSON.stringify({ applicable: false, logs: [], matches: [] });
        legs.set(key, json);
        return json;
      }
      const from = Date.parse(call.startDateTime) - LOG_MARGIN_MS;
      const to = Date.parse(call.endDateTime) + LOG_MARGIN_MS;
      const logs = await Promise.all(
        (["pstn", "directRouting"] as const).map(async (kind) => {
          try {
            const read = await readLog(kind, from, to, trace);
            return { kind, status: "read" as const, message: null, rows: read.rows, complete: read.complete };
          } catch (error) {
            if (!(error instanceof GraphFailure)) throw error;
            const status =
              error.kind === "forbidden"
                ? ("forbidden" as const)
                : error.kind === "throttled"
                  ? ("throttled" as const)
                  : ("failed" as const);
            const mapped = searchFailure(error, kind);
            return {
              kind,
              status,
              message: mapped instanceof Error ? mapped.message : "Graph did not answer.",
              rows: [],
              complete: false,
            };
          }
        }),
      );
      const matches = matchPhoneRows(
        call,
        phone,
        logs.flatMap((log) => log.rows),
      );
      const shown = view.phoneRows(matches.map((match) => match.row));
      const json = JSON.stringify({
        applicable: true,
        reason: phone.reason,
        method: `Rows of the PSTN and Direct Routing logs for calls that started between ${formatDateTime(from)} and ${formatDateTime(to)}, kept when their time overlaps this call's (±${MATCH_SLACK_MS / 60_000} minutes) and they name one of its Teams users or phone numbers.`,
        logs: logs.map(({ kind, status, message, rows, complete }) => ({
          kind,
          status,
          message,
          rowsRead: rows.length,
          complete,
        })),
        matches: matches.map((match, index) => ({
          row: shown[index],
          matchedBy: match.matchedBy,
          offsetSeconds: match.offsetSeconds,
          explanation: describeMatch(match),
        })),
      });
      // A throttled or refused log is worth asking again soon; a complete answer is kept a little longer.
      if (logs.every((log) => log.status === "read")) legs.set(key, json);
      return json;
    },
  };
}

export type CallInsights = ReturnType<typeof createCallInsights>;
