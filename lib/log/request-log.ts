import "server-only";

export interface RequestLogLine {
  route: string;
  method: string;
  status: number;
  requestId: string;
  callId?: string;
  durationMs: number;
  upstreamPages?: number;
  retries?: number;
  cacheHits?: number;
  sharedFetches?: number;
  graphRequestIds?: string[];
  user?: string;
  error?: string;
}

/** One JSON line per API request: what it cost upstream and how it ended. No tokens, no secrets. */
export function logRequest(line: RequestLogLine): void {
  if (process.env.CALLSCOPE_LOG === "off") return;
  console.log(
    JSON.stringify({ level: line.status >= 500 ? "error" : "info", time: new Date().toISOString(), ...line }),
  );
}
