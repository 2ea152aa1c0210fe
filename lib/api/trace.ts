/** What one API request cost upstream, for its log line. */
export interface RequestTrace {
  upstreamPages: number;
  retries: number;
  cacheHits: number;
  sharedFetches: number;
  graphRequestIds: string[];
}

/** Counts one Graph response in a request's trace (its log line). */
export function countUpstream(trace: RequestTrace, response: { requestId?: string; retries: number }): void {
  trace.upstreamPages += 1;
  trace.retries += response.retries;
  if (response.requestId) trace.graphRequestIds.push(response.requestId);
}

export const newTrace = (): RequestTrace => ({
  upstreamPages: 0,
  retries: 0,
  cacheHits: 0,
  sharedFetches: 0,
  graphRequestIds: [],
});
