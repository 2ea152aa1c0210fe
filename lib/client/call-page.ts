import { summarizeSession, type SessionSummary } from "@/lib/callrecords/analysis";
import type { CallSummary, Session, Unreadable } from "@/lib/callrecords/model";

/** One page of a call as the API sends it (`GET /api/calls/{id}` and its `/sessions?cursor=` pages). */
export interface CallPage {
  call?: CallSummary;
  sessions: Session[];
  page: number;
  loaded: number;
  nextCursor: string | null;
  /** Sessions on this page Graph sent in a shape that could not be read, counted by problem; absent when none. */
  lost?: Unreadable[];
}

// A live page's JSON bytes as the API sent them, until the analysis worker takes them (analysis-client.ts): moved
// to the worker they cost the page's thread nothing, where posting the parsed page clones every object in it on
// that thread (2–4 ms a page of 60 sessions).
const jsonByPage = new WeakMap<CallPage, ArrayBuffer>();
const decoder = new TextDecoder();

/** Parses a page of the API's JSON, remembering its bytes for the worker. */
export function parseCallPage(json: ArrayBuffer): CallPage {
  const page = JSON.parse(decoder.decode(json)) as CallPage;
  jsonByPage.set(page, json);
  return page;
}

/** The page's JSON bytes, once (they are as large as the page): null for a page that came otherwise, or was taken. */
export function takePageJson(page: CallPage): ArrayBuffer | null {
  const json = jsonByPage.get(page) ?? null;
  jsonByPage.delete(page);
  return json;
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

/** Sessions in these pages (as sent: a session Graph repeats counts twice). */
export const sessionCount = (pages: readonly CallPage[] | undefined): number =>
  (pages ?? []).reduce((sum, page) => sum + page.sessions.length, 0);

/**
 * Whether a call still loading has grown enough since it was last judged to judge it again: by half. Each judging
 * goes over every session loaded so far, on the page's thread and the worker's; judged at every page, or every
 * interval, a 5,000-session call was judged ~14 times over ~35,000 sessions in all, and growing by half keeps that
 * near three times the call's size.
 */
export const grewEnoughToJudge = (
  shown: readonly CallPage[] | undefined,
  next: readonly CallPage[] | undefined,
) => sessionCount(next) >= sessionCount(shown) * GROWTH;
const GROWTH = 1.5;
