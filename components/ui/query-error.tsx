"use client";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ApiProblem } from "@/lib/client/api";
import { problemMessage, problemTitle } from "@/lib/client/problem-text";

/**
 * Whether asking again could give another answer: a network failure, a timeout, throttling or a server error
 * may pass; a request the server refused as it stands (unknown person, reversed window) will not.
 */
export const retryHelps = (error: unknown) =>
  !(error instanceof ApiProblem) ||
  error.status === 0 ||
  error.status === 408 ||
  error.status === 429 ||
  error.status >= 500;

/** A request that failed outright: what happened, what to do, and a way to try again when that can help. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <ErrorPanel
      title={problemTitle(error)}
      message={problemMessage(error)}
      requestId={error instanceof ApiProblem ? error.requestId : undefined}
      action={
        retryHelps(error) ? (
          <button type="button" className="text-sm font-medium underline" onClick={onRetry}>
            Try again
          </button>
        ) : undefined
      }
    />
  );
}
