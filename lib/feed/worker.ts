import "server-only";
import { toApiError } from "@/lib/api/errors";
import type { CallService } from "@/lib/api/call-service";
import { newTrace } from "@/lib/api/trace";
import type { CallSummary, Session } from "@/lib/callrecords/model";
import { judgeCall } from "./judge";
import type { FeedCall } from "./model";
import type { FeedStore, QueueItem } from "./store";

/** A verdict reads at most this many sessions (ten of Graph's pages), as the search rows do. */
const JUDGED_SESSIONS = 600;
/** A record that keeps failing (not "not found") is asked for again with growing waits, about an hour in all. */
const MAX_ATTEMPTS = 8;
const backoff = (attempts: number) => Math.min(30 * 60_000, 15_000 * 2 ** attempts);
/**
 * Graph publishes a call record within about 30 minutes of the call, sometimes 150 (the subscription resource
 * page's latency table): a record it does not have yet is asked for again with waits from one minute up to
 * half an hour, until 150 minutes after the first notification, then given up on and counted.
 */
export const PUBLICATION_DELAY_MS = 150 * 60_000;
const notYetBackoff = (attempts: number) => Math.min(30 * 60_000, 60_000 * 2 ** attempts);

export interface WorkerOptions {
  store: FeedStore;
  tenantId: string;
  calls: Pick<CallService, "readCall" | "forget">;
  /** Names this instance's claims. */
  holder: string;
  /** Records judged at once by this instance. */
  concurrency: number;
  /** A call waits this long after its latest notification before it is judged again (bursts of `updated`). */
  settleMs: number;
  claimMs?: number;
  pollMs?: number;
  now?: () => number;
  log?: (fields: Record<string, unknown>) => void;
  /** Told each call judged, with the sessions read and the verdict (the history keeps streams; alerts judge people). */
  onJudged?: (
    call: CallSummary,
    sessions: readonly Session[],
    source: QueueItem["source"],
    judged: FeedCall,
  ) => Promise<void>;
}

export interface JudgeReport {
  judged: number;
  retried: number;
  dropped: number;
}

/**
 * Judges the calls waiting in the queue: claims some (any instance may run this; a claim keeps others off
 * the same call), reads each record through the call service (its cache and the record's Graph budget,
 * shared with people viewing it), stores the verdict, and takes the call off the queue.
 */
export function createFeedWorker(options: WorkerOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const claimMs = options.claimMs ?? 120_000;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;

  async function judge(item: QueueItem, report: JudgeReport): Promise<void> {
    const trace = newTrace();
    try {
      // A notification means Graph may hold a newer version than the one cached for viewers.
      await options.calls.forget(item.callId);
      const read = await options.calls.readCall(item.callId, trace, JUDGED_SESSIONS);
      const judged = await judgeCall(read.call, read.sessions, read.complete);
      const judgedAt = now();
      const outcome = await options.store.finish(
        options.tenantId,
        item,
        { ...judged.call, notifiedAt: item.firstAt, judgedAt, source: item.source },
        judged.personIds,
        { now: judgedAt, settleMs: options.settleMs },
      );
      report.judged += 1;
      await options.onJudged?.(read.call, read.sessions, item.source, judged.call);
      log({
        level: "info",
        message: "feed: call judged",
        callId: item.callId,
        version: judged.call.version,
        quality: judged.call.quality,
        delayMs: judgedAt - item.firstAt,
        upstreamPages: trace.upstreamPages,
        again: outcome === "again",
      });
    } catch (error) {
      // The same reading of a failure as the API's: a 429 (Graph's, or the record's budget) says when to come back.
      const problem = toApiError(error, item.callId);
      const throttled = problem.status === 429 ? (problem.extra.retryAfterSeconds ?? 30) * 1000 : null;
      const message = error instanceof Error ? error.message : String(error);
      if (throttled !== null) {
        // Throttling is not the call's fault: it does not count towards giving up on it.
        await options.store.retry(options.tenantId, item.callId, now() + throttled, message, "wait");
        report.retried += 1;
        return;
      }
      const notYet = problem.status === 404;
      const wait = notYet ? notYetBackoff(item.attempts) : backoff(item.attempts);
      const giveUp = notYet
        ? now() + wait - item.firstAt > PUBLICATION_DELAY_MS
        : item.attempts + 1 >= MAX_ATTEMPTS;
      if (giveUp) {
        const reason = notYet ? "Graph never published the record" : message;
        await options.store.drop(options.tenantId, item.callId, reason, now());
        report.dropped += 1;
        log({ level: "warn", message: `feed: gave up on a call: ${reason}`, callId: item.callId });
        return;
      }
      await options.store.retry(options.tenantId, item.callId, now() + wait, message, "attempt");
      report.retried += 1;
    }
  }

  /** Judges everything due now, a few at a time; resolves when nothing due is left. */
  async function drain(): Promise<JudgeReport> {
    const report: JudgeReport = { judged: 0, retried: 0, dropped: 0 };
    for (;;) {
      const items = await options.store.claim(
        options.tenantId,
        options.holder,
        now(),
        options.concurrency,
        claimMs,
      );
      if (items.length === 0) return report;
      await Promise.all(items.map((item) => judge(item, report)));
    }
  }

  async function loop() {
    while (running) {
      try {
        await drain();
      } catch (error) {
        log({
          level: "error",
          message: `feed: the worker failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      if (!running) return;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, options.pollMs ?? 1000);
        timer.unref?.();
      });
      wakeUp = null;
    }
  }

  return {
    drain,
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    /** New work arrived in this process: look now instead of at the next poll. */
    wake() {
      wakeUp?.();
    },
  };
}

export type FeedWorker = ReturnType<typeof createFeedWorker>;
