"use client";
import { problemMessage } from "@/lib/client/problem-text";
import { useSecondsUntil } from "@/lib/client/use-seconds-until";

/** How far a paged search has got, why it stopped, and when it carries on. */
export function SearchProgress({
  summary,
  loading,
  pages,
  error,
  resumeAt,
  onResume,
}: {
  /** "24 calls read", "3,000 log rows read": what has arrived so far. */
  summary: string;
  loading: boolean;
  pages: number;
  error: unknown;
  resumeAt: number | null;
  onResume: () => void;
}) {
  const countdown = useSecondsUntil(resumeAt);
  if (error) {
    return (
      <div
        role="alert"
        className="rounded border border-warn-line bg-warn-soft p-3 text-sm text-warn-fg"
        data-testid="search-status"
      >
        Stopped after {summary}: {problemMessage(error)}{" "}
        {countdown !== null && <span>Carrying on in {countdown} s. </span>}
        <button type="button" onClick={onResume} className="font-medium underline">
          Carry on now
        </button>
      </div>
    );
  }
  return (
    <p role="status" aria-live="polite" className="text-sm text-muted" data-testid="search-status">
      {loading
        ? `${summary} · reading page ${pages + 1} from Graph…`
        : `${summary} (${pages} ${pages === 1 ? "page" : "pages"} from Graph). Done.`}
    </p>
  );
}
