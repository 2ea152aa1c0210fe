import type { Endpoint } from "@/lib/callrecords/model";
import type { ParticipantImpact } from "@/lib/callrecords/analysis";
import type { Finding } from "@/lib/callrecords/findings/types";
import { runSteps } from "@/lib/callrecords/analyze";
import type { StreamRow } from "@/lib/callrecords/streams";
import type { Site } from "@/lib/sites/building-file";
import type { FromWorker, SlimImpact, ToWorker } from "./analysis-protocol";
import { takePageJson, type CallPage } from "./call-page";

type Head = Extract<FromWorker, { type: "head" }>;
export interface WorkerAnalysis {
  verdict: Head["verdict"];
  story: Head["story"];
  findings: Finding[];
  impacts: SlimImpact[];
}

/** A newer request took this one's place before it was sent. */
export class Superseded extends Error {}

/** A turn of the page's event loop: a task of its own, so input and paint come in between. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface AnalysisClient {
  /** The analysis of these pages by the worker; rejects with Superseded when a newer request replaced it. */
  analyze(pages: readonly CallPage[], callType: string | null, sites: Site[] | null): Promise<WorkerAnalysis>;
  /** False once the worker failed: analyse on the page instead. */
  readonly usable: boolean;
}

/**
 * The call page's side of the analysis worker: each page's sessions go over once (one page per task, so a
 * report's fifty pages do not make one long task), one analysis is worked on at a time, and a request made while
 * one runs replaces any other still waiting. Null where the browser cannot start the worker.
 */
function createAnalysisClient(): AnalysisClient | null {
  if (typeof window === "undefined" || typeof Worker !== "function") return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL("./analysis-worker.ts", import.meta.url));
  } catch {
    return null;
  }
  let usable = true;
  const sent = new WeakMap<CallPage, number>();
  let seq = 0;
  let ids = 0;
  let running: {
    id: number;
    parts: Partial<WorkerAnalysis>;
    resolve: (analysis: WorkerAnalysis) => void;
    reject: (error: Error) => void;
  } | null = null;
  let busy = false;
  let waiting: { start: () => Promise<void>; reject: (error: Error) => void } | null = null;

  const post = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  const fail = (error: Error) => {
    usable = false;
    running?.reject(error);
    waiting?.reject(error);
    running = null;
    waiting = null;
  };
  const startWaiting = () => {
    if (busy || !waiting) return;
    const next = waiting;
    waiting = null;
    busy = true;
    void next.start();
  };

  worker.addEventListener("error", () => fail(new Error("the analysis worker stopped")));
  worker.addEventListener("message", ({ data }: MessageEvent<FromWorker>) => {
    if (!running || data.id !== running.id) return;
    const { parts } = running;
    if (data.type === "head") Object.assign(parts, { verdict: data.verdict, story: data.story });
    else if (data.type === "findings") (parts.findings ??= []).push(...data.findings);
    else if (data.type === "impacts") (parts.impacts ??= []).push(...data.impacts);
    else {
      const done = running;
      running = null;
      busy = false;
      if (data.type === "error") done.reject(new Error(data.message));
      else if (!parts.verdict || !parts.story) done.reject(new Error("the analysis worker sent no verdict"));
      else
        done.resolve({
          verdict: parts.verdict,
          story: parts.story,
          findings: parts.findings ?? [],
          impacts: parts.impacts ?? [],
        });
      startWaiting();
    }
  });

  return {
    get usable() {
      return usable;
    },
    analyze(pages, callType, sites) {
      if (!usable) return Promise.reject(new Error("the analysis worker stopped"));
      return new Promise<WorkerAnalysis>((resolve, reject) => {
        waiting?.reject(new Superseded());
        waiting = {
          reject,
          start: async () => {
            const seqs: number[] = [];
            for (const page of pages) {
              let number = sent.get(page);
              if (number === undefined) {
                number = seq++;
                sent.set(page, number);
                const json = takePageJson(page);
                if (json === null) post({ type: "page", seq: number, sessions: page.sessions });
                else post({ type: "page", seq: number, json }, [json]);
                await nextTask();
              }
              seqs.push(number);
            }
            const id = ids++;
            running = { id, parts: {}, resolve, reject };
            post({ type: "analyze", id, seqs, callType, sites });
          },
        };
        startWaiting();
      });
    },
  };
}

let shared: AnalysisClient | null | undefined;

/** The tab's one analysis worker, started on first use (null where the browser cannot start one). */
export function sharedAnalysisClient(): AnalysisClient | null {
  if (shared === undefined) shared = createAnalysisClient();
  return shared;
}

/** The people of the worker's answer with their endpoints again, from the page's own stream rows. */
export function withEndpoints(
  impacts: readonly SlimImpact[],
  rows: readonly StreamRow[],
): ParticipantImpact[] {
  return runSteps(withEndpointSteps(impacts, rows));
}

/** `withEndpoints` a step per `yield` of ROWS_PER_STEP rows: a town hall's 12,000 rows took ~30 ms at once. */
export function* withEndpointSteps(
  impacts: readonly SlimImpact[],
  rows: readonly StreamRow[],
): Generator<void, ParticipantImpact[]> {
  const endpoints = new Map<string, Endpoint | null>();
  for (const [index, row] of rows.entries()) {
    if (index > 0 && index % ROWS_PER_STEP === 0) yield;
    if (!endpoints.has(row.senderKey)) endpoints.set(row.senderKey, row.sender);
    if (!endpoints.has(row.receiverKey)) endpoints.set(row.receiverKey, row.receiver);
  }
  yield;
  return impacts.map((impact) => ({ ...impact, endpoint: endpoints.get(impact.key) ?? null }));
}

const ROWS_PER_STEP = 3_000;
