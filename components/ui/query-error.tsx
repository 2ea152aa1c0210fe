"use client";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ApiProblem } from "@/lib/client/api";
import { problemMessage, problemTitle } from "@/lib/client/problem-text";

/** A request that failed outright: what happened, what to do, and a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <ErrorPanel
      title={problemTitle(error)}
      message={problemMessage(error)}
      requestId={error instanceof ApiProblem ? error.requestId : undefined}
      action={
        <button type="button" className="text-sm font-medium underline" onClick={onRetry}>
          Try again
        </button>
      }
    />
  );
}
