import { summarizeSession, type SessionSummary } from "@/lib/callrecords/analysis";
import type { CallSummary, Session } from "@/lib/callrecords/model";

/** One page of a call as the API sends it (`GET /api/calls/{id}` and its `/sessions?cursor=` pages). */
export interface CallPage {
  call?: CallSummary;
  sessions: Session[];
  page: number;
  loaded: number;
  nextCursor: string | null;
}

// Pages never change once loaded: summarise each once, however often the list re-renders.
const summariesByPage = new WeakMap<CallPage, SessionSummary[]>();

/**
 * A page's per-session analysis, computed once; call it as a page arrives so the work is spread out.
 * `callType` is the record's (the first page's): a group call's identity-less endpoints are its service.
 */
export function summariesOf(page: CallPage, callType: string | null): SessionSummary[] {
  let summaries = summariesByPage.get(page);
  if (!summaries) {
    summaries = page.sessions.map((session) => summarizeSession(session, undefined, callType));
    summariesByPage.set(page, summaries);
  }
  return summaries;
}
