// The call's analysis off the page's thread: a 5,000-session meeting takes a few hundred milliseconds to judge,
// which on the page would be long tasks while it loads. Started by analysis-client.ts.
import { summarizeSession, type SessionSummary } from "@/lib/callrecords/analysis";
import { analyzeCall } from "@/lib/callrecords/analyze";
import { firstOfEach } from "@/lib/callrecords/dedupe";
import type { Session } from "@/lib/callrecords/model";
import type { CallPage } from "./call-page";
import {
  FINDINGS_PER_MESSAGE,
  IMPACTS_PER_MESSAGE,
  type FromWorker,
  type ToWorker,
} from "./analysis-protocol";
import { siteOfFor } from "./site-of";

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToWorker>) => void): void;
};

const pages = new Map<
  number,
  { sessions: Session[]; summaries: SessionSummary[] | null; callType: string | null }
>();

function summariesOf(seq: number, callType: string | null): SessionSummary[] {
  const page = pages.get(seq);
  if (!page) return [];
  if (!page.summaries || page.callType !== callType) {
    page.summaries = page.sessions.map((session) => summarizeSession(session, undefined, callType));
    page.callType = callType;
  }
  return page.summaries;
}

function slices<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}

const decoder = new TextDecoder();

scope.addEventListener("message", ({ data: message }) => {
  if (message.type === "page") {
    const sessions =
      "json" in message ? (JSON.parse(decoder.decode(message.json)) as CallPage).sessions : message.sessions;
    pages.set(message.seq, { sessions, summaries: null, callType: null });
    return;
  }
  const { id } = message;
  try {
    for (const seq of [...pages.keys()]) if (!message.seqs.includes(seq)) pages.delete(seq);
    const summaries = firstOfEach(
      message.seqs.flatMap((seq) => summariesOf(seq, message.callType)),
      (summary) => summary.session.id,
    );
    const analysis = analyzeCall(
      summaries.map((summary) => summary.session),
      summaries.flatMap((summary) => summary.rows),
      siteOfFor(message.sites),
    );
    scope.postMessage({ type: "head", id, verdict: analysis.verdict, story: analysis.story });
    for (const findings of slices(analysis.findings, FINDINGS_PER_MESSAGE))
      scope.postMessage({ type: "findings", id, findings });
    const impacts = analysis.impacts.map(({ endpoint: _endpoint, ...impact }) => impact);
    for (const slice of slices(impacts, IMPACTS_PER_MESSAGE))
      scope.postMessage({ type: "impacts", id, impacts: slice });
    scope.postMessage({ type: "done", id });
  } catch (error) {
    scope.postMessage({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  }
});
