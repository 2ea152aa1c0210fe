"use client";
import { ApiProblem, apiGet } from "./api";
import type { CallSummaryResponse } from "./search";

type Entry =
  | CallSummaryResponse
  | { error: { status: number; code: string; message: string; retryAfterSeconds?: number } };
type Waiter = { resolve: (summary: CallSummaryResponse) => void; reject: (error: unknown) => void };

const BATCH = 50;
/** Rows that come on screen together ask together: one request per screen, not one per row. */
const GATHER_MS = 16;
const waiting = new Map<string, Waiter[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

async function flush(): Promise<void> {
  timer = null;
  const ids = [...waiting.keys()].slice(0, BATCH);
  const waiters = ids.map((id) => [id, waiting.get(id) ?? []] as const);
  for (const id of ids) waiting.delete(id);
  if (waiting.size > 0) timer = setTimeout(() => void flush(), 0);
  try {
    const { summaries } = await apiGet<{ summaries: Record<string, Entry> }>(
      `/api/calls/summaries?ids=${ids.join(",")}`,
    );
    for (const [id, list] of waiters) {
      const entry = summaries[id];
      for (const waiter of list) {
        if (!entry)
          waiter.reject(
            new ApiProblem(502, "missing", "The server did not judge this call.", undefined, undefined),
          );
        else if ("error" in entry)
          waiter.reject(
            new ApiProblem(
              entry.error.status,
              entry.error.code,
              entry.error.message,
              undefined,
              entry.error.retryAfterSeconds,
            ),
          );
        else waiter.resolve(entry);
      }
    }
  } catch (error) {
    for (const [, list] of waiters) for (const waiter of list) waiter.reject(error);
  }
}

/** A call's verdict, asked for together with the other rows that want theirs now. */
export function fetchSummary(callId: string): Promise<CallSummaryResponse> {
  return new Promise((resolve, reject) => {
    waiting.set(callId, [...(waiting.get(callId) ?? []), { resolve, reject }]);
    timer ??= setTimeout(() => void flush(), GATHER_MS);
  });
}
