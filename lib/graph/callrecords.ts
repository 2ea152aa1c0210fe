import "server-only";
import { parseCallRecordBody, parseSessionsPageBody } from "@/lib/callrecords/parse";
import type { CallSummary, Session } from "@/lib/callrecords/model";
import type { GraphResult } from "./client";
import { checkNextLink, recordUrl } from "./links";

export interface UpstreamTrace {
  /** Called once per Graph response, for logs and support cases. */
  onResponse?: (info: { requestId: string | undefined; retries: number }) => void;
}

export interface RecordPage {
  call: CallSummary;
  sessions: Session[];
  nextLink: string | null;
}

export interface SessionsPage {
  sessions: Session[];
  nextLink: string | null;
}

/** The two Graph reads callscope makes; it knows URLs and wire format, nothing about caching. */
export function createCallRecordsReader(graphGet: (url: string) => Promise<GraphResult>, graphBaseUrl: string) {
  async function get(url: string, trace: UpstreamTrace) {
    const result = await graphGet(url);
    trace.onResponse?.({ requestId: result.requestId, retries: result.retries });
    return result.body;
  }

  return {
    /** The record with its first page of sessions and their segments: one round trip. */
    async record(callId: string, trace: UpstreamTrace = {}): Promise<RecordPage> {
      const parsed = parseCallRecordBody(await get(recordUrl(graphBaseUrl, callId), trace));
      return { ...parsed, nextLink: parsed.nextLink ? checkNextLink(parsed.nextLink, graphBaseUrl, callId) : null };
    },

    /** A later page, from a nextLink that is checked again before it is followed. */
    async sessions(callId: string, nextLink: string, trace: UpstreamTrace = {}): Promise<SessionsPage> {
      const parsed = parseSessionsPageBody(await get(checkNextLink(nextLink, graphBaseUrl, callId), trace));
      return { ...parsed, nextLink: parsed.nextLink ? checkNextLink(parsed.nextLink, graphBaseUrl, callId) : null };
    },
  };
}

export type CallRecordsReader = ReturnType<typeof createCallRecordsReader>;
