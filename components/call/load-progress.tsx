"use client";
import { problemMessage } from "@/lib/client/problem-text";
import { useSecondsUntil } from "@/lib/client/use-seconds-until";
import { formatCount } from "@/lib/format/numbers";

export function LoadProgress({
  loaded,
  pages,
  loading,
  error,
  resumeAt,
  onResume,
  fromSnapshot,
  judging = false,
  leftOut = 0,
}: {
  loaded: number;
  /** Sessions Graph sent that could not be read (the notice above says why). */
  leftOut?: number;
  pages: number;
  loading: boolean;
  error: unknown;
  resumeAt: number | null;
  onResume: () => void;
  fromSnapshot: boolean;
  /** Every page is in but the findings still describe part of the call: say so, not "all loaded" alone. */
  judging?: boolean;
}) {
  const countdown = useSecondsUntil(resumeAt);
  if (!loading && !error) {
    const source = fromSnapshot ? "from the saved snapshot" : `(${pages} ${pages === 1 ? "page" : "pages"})`;
    return (
      <p
        role={judging ? "status" : undefined}
        className="text-sm text-muted"
        data-testid="load-status"
        data-state={judging ? "judging" : "done"}
      >
        {loaded === 1 ? "The call's one session loaded" : `All ${formatCount(loaded)} sessions loaded`}{" "}
        {source}
        {leftOut > 0 &&
          `; ${formatCount(leftOut)} more ${leftOut === 1 ? "session" : "sessions"} Graph sent could not be read (see above)`}
        {judging ? "; judging the whole call…" : "."}
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
        Loading stopped after {formatCount(loaded)} sessions: {problemMessage(error)}{" "}
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
        Page {formatCount(pages + 1)}, {formatCount(loaded)} {loaded === 1 ? "session" : "sessions"} so far ·
        Graph does not say how many there are, so this reads until the last page…
      </p>
      {/* Indeterminate: no total to measure against, so the bar moves instead of pretending to a share. */}
      <div className="relative h-1 overflow-hidden rounded bg-line" aria-hidden="true">
        <div className="absolute inset-y-0 left-0 w-1/4 will-change-transform animate-[indeterminate_1.4s_ease-in-out_infinite] bg-accent motion-reduce:animate-none" />
      </div>
    </div>
  );
}
