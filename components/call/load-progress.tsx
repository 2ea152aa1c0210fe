"use client";
import { problemMessage } from "@/lib/client/problem-text";
import { useSecondsUntil } from "@/lib/client/use-seconds-until";

export function LoadProgress({
  loaded,
  pages,
  loading,
  error,
  resumeAt,
  onResume,
  fromSnapshot,
}: {
  loaded: number;
  pages: number;
  loading: boolean;
  error: unknown;
  resumeAt: number | null;
  onResume: () => void;
  fromSnapshot: boolean;
}) {
  const countdown = useSecondsUntil(resumeAt);
  if (!loading && !error) {
    const source = fromSnapshot ? "from the saved snapshot" : `(${pages} ${pages === 1 ? "page" : "pages"})`;
    return (
      <p className="text-sm text-muted" data-testid="load-status">
        All {loaded.toLocaleString("en-US")} sessions loaded {source}.
      </p>
    );
  }
  if (error) {
    return (
      <div
        role="alert"
        className="rounded border border-warn-line bg-warn-soft p-3 text-sm text-warn-fg"
        data-testid="load-status"
      >
        Loading stopped after {loaded.toLocaleString("en-US")} sessions: {problemMessage(error)}{" "}
        {countdown !== null && <span>Resuming automatically in {countdown} s. </span>}
        <button type="button" onClick={onResume} className="font-medium underline">
          Resume loading
        </button>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" className="space-y-1" data-testid="load-status">
      <p className="text-sm">
        {loaded.toLocaleString("en-US")} sessions loaded · fetching page {pages + 1} from Graph…
      </p>
      <div className="h-1 overflow-hidden rounded bg-line">
        <div className="h-full w-1/3 animate-pulse bg-accent" />
      </div>
    </div>
  );
}
