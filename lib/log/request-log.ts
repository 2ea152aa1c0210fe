import "server-only";
import { log } from "./logger";

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
  log(line.status >= 500 ? "error" : "info", "api", `${line.method} ${line.route} ${line.status}`, {
    ...line,
  });
}
