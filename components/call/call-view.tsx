"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useDeferredValue } from "react";
import { useThrottledValue } from "@/lib/client/use-throttled-value";
import { useCallAnalysis } from "@/lib/client/use-call-analysis";
import { useCallRecord } from "@/lib/client/use-call-record";
import { problemMessage, problemTitle } from "@/lib/client/problem-text";
import { ApiProblem } from "@/lib/client/api";
import { ErrorPanel } from "@/components/ui/error-panel";
import { CallHeader } from "./call-header";
import { FindingsList } from "./findings-list";
import { LoadProgress } from "./load-progress";
import { ParticipantsTable } from "./participants-table";
import { SessionsChart } from "./sessions-chart";
import { SessionsTable } from "./sessions-table";
import { SessionTimeline } from "./session-timeline";
import { VerdictCard } from "./verdict-card";
import { SessionDetail } from "@/components/session/session-detail";

export function CallView({ callId }: { callId: string }) {
  const query = useCallRecord(callId);
  const pages = query.data?.pages;
  // Analysis of thousands of sessions must not hold up the pages arriving behind it.
  const shownPages = useThrottledValue(pages, 600, !query.hasNextPage || query.isFetchNextPageError);
  const analysis = useCallAnalysis(useDeferredValue(shownPages ?? pages));
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selected = searchParams.get("session");

  const selectSession = useCallback((sessionId: string | null) => {
    const next = new URLSearchParams(searchParams.toString());
    if (sessionId) next.set("session", sessionId);
    else next.delete("session");
    next.delete("segment");
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }, [pathname, router, searchParams]);

  if (query.isPending) {
    return <p role="status" className="text-slate-600 dark:text-slate-400">Loading call {callId} from Graph…</p>;
  }
  if (query.isError && !pages) {
    const retryAfter = query.error instanceof ApiProblem ? query.error.retryAfterSeconds : undefined;
    return (
      <ErrorPanel
        title={problemTitle(query.error)}
        message={problemMessage(query.error)}
        requestId={query.error instanceof ApiProblem ? query.error.requestId : undefined}
        action={
          <div className="flex gap-3 text-sm">
            <button type="button" onClick={() => void query.refetch()} className="rounded bg-red-700 px-3 py-1 font-medium text-white">
              {retryAfter ? `Try again (after ${retryAfter} s)` : "Try again"}
            </button>
            <Link href="/" className="self-center underline">Look up another call</Link>
          </div>
        }
      />
    );
  }
  const call = pages?.[0]?.call;
  if (!call) return null;
  const selectedSummary = selected ? analysis.summaries.find((s) => s.session.id === selected) : undefined;

  return (
    <div className="space-y-6">
      <CallHeader call={call} participants={analysis.participants.length} sessions={analysis.summaries.length} />
      <LoadProgress
        loaded={query.hasNextPage ? (pages?.at(-1)?.loaded ?? 0) : analysis.summaries.length}
        pages={pages?.length ?? 0}
        loading={query.hasNextPage}
        error={query.isFetchNextPageError ? query.error : null}
        resumeAt={query.resumeAt}
        onResume={() => void query.fetchNextPage()}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <VerdictCard verdict={analysis.verdict} failedSessions={analysis.failedSessions} partial={query.hasNextPage} />
        <FindingsList findings={analysis.findings} onOpenSession={selectSession} />
      </div>
      {selected && (
        selectedSummary
          ? <SessionDetail summary={selectedSummary} onClose={() => selectSession(null)} />
          : query.hasNextPage
            ? <p role="status" className="text-sm">Session {selected} has not loaded yet; it will open when its page arrives.</p>
            : <ErrorPanel title="Session not found" message={`This call has no session ${selected}. It may be a link from an older version of the record.`} action={<button type="button" className="text-sm underline" onClick={() => selectSession(null)}>Close</button>} />
      )}
      <ParticipantsTable participants={analysis.participants} />
      <SessionTimeline summaries={analysis.summaries} selected={selected} onSelect={selectSession} />
      <SessionsChart summaries={analysis.summaries} />
      <SessionsTable summaries={analysis.summaries} selected={selected} onSelect={selectSession} />
    </div>
  );
}
