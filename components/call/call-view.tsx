"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { startTransition, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { ChartBoundary } from "@/components/ui/chart-boundary";
import { ErrorPanel } from "@/components/ui/error-panel";
import { MaskedNotice } from "@/components/ui/masked-notice";
import { forgetLookup } from "@/lib/client/recent-lookups";
import { ApiProblem, isRetryable } from "@/lib/client/api";
import { problemMessage, problemTitle } from "@/lib/client/problem-text";
import { useCallAnalysis } from "@/lib/client/use-call-analysis";
import { grewEnoughToJudge, type CallPage } from "@/lib/client/call-page";
import type { ParticipantsResponse } from "@/lib/client/use-participants";
import { filterSessions, NO_FILTERS, type SessionFilters } from "@/lib/callrecords/session-filter";
import { comparePair, compareWithMedian, MEDIAN } from "@/lib/callrecords/two-sides";
import { describeUnreadable } from "@/lib/callrecords/unreadable";
import { useSiteOf, useSites } from "@/lib/client/sites";
import { useThrottledValue } from "@/lib/client/use-throttled-value";
import { useViewState } from "@/lib/client/use-view-state";
import { CallHeader } from "./call-header";
import { CallToolbar } from "./call-toolbar";
import { FindingsList } from "./findings-list";
import { LoadProgress } from "./load-progress";
import { MeetingCauses } from "./meeting-causes";
import { SideBySide } from "./side-by-side";
import type { Sort } from "./sessions-table";
import { VerdictCard } from "./verdict-card";
import { Button } from "@/components/ui/button";

// Below the first screen (or opened on demand): their code is fetched and started while the call's first page is
// on its way (`preloadParts`, a part per task), not inside the page's one first evaluation of everything.
const parts = {
  detail: () => import("@/components/session/session-detail"),
  participants: () => import("./participants-table"),
  phone: () => import("./phone-legs"),
  table: () => import("./sessions-table"),
  timeline: () => import("./session-timeline"),
  chart: () => import("./sessions-chart"),
};
// `loading` gives each its own Suspense boundary: without one, a part still loading would hold back the whole view.
const SessionDetail = dynamic(() => parts.detail().then((m) => m.SessionDetail), { loading: () => null });
const ParticipantsTable = dynamic(() => parts.participants().then((m) => m.ParticipantsTable), {
  loading: () => null,
});
const PhoneLegs = dynamic(() => parts.phone().then((m) => m.PhoneLegs), { loading: () => null });
const SessionsTable = dynamic(() => parts.table().then((m) => m.SessionsTable), { loading: () => null });
const SessionTimeline = dynamic(() => parts.timeline().then((m) => m.SessionTimeline), {
  loading: () => null,
});
const SessionsChart = dynamic(() => parts.chart().then((m) => m.SessionsChart), { loading: () => null });

function preloadParts(): () => void {
  const queue = Object.values(parts);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    const load = queue.shift();
    if (!load) return;
    void load().finally(() => (timer = setTimeout(next, 0)));
  };
  timer = setTimeout(next, 0);
  return () => clearTimeout(timer);
}

/** What the drill-down needs from its data source: live Graph pages or a saved report. */
export interface CallData {
  callId: string;
  pages: CallPage[] | undefined;
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchNextPageError: boolean;
  resumeAt: number | null;
  fetchNextPage: () => void;
  refetch: () => void;
  /** The call's people (participants_v2 or the legacy list); undefined while loading. */
  participants: ParticipantsResponse | undefined;
  participantsError: unknown;
}

/** The parts below the first screen, mounted one per transition (see `lower`). */
const LOWER_PARTS = 4;

export function CallView({
  data,
  banner,
  reportId,
}: {
  data: CallData;
  banner?: ReactNode;
  reportId?: string;
}) {
  const { pages } = data;
  // Analysis of thousands of sessions must not hold up the pages arriving behind it.
  const shownPages = useThrottledValue(
    pages,
    600,
    !data.hasNextPage || data.isFetchNextPageError,
    grewEnoughToJudge,
  );
  const siteOf = useSiteOf();
  const sites = useSites().data?.sites;
  const analysis = useCallAnalysis(shownPages ?? pages, data.participants, siteOf, sites);
  const { state: view, invalid, update } = useViewState();
  const pair = useMemo(
    () =>
      view.compare && !analysis.sides
        ? view.compare[1] === MEDIAN
          ? compareWithMedian(analysis.sessions, analysis.rows, view.compare[0], siteOf)
          : comparePair(analysis.sessions, analysis.rows, view.compare, siteOf)
        : null,
    [view.compare, analysis, siteOf],
  );
  const causeLine = view.filters.cause
    ? (analysis.story.meeting?.lines.find((line) => line.id === view.filters.cause) ?? null)
    : null;
  // The timeline draws what the table's filters keep, on the whole call's time axis.
  const causeSessions = useMemo(() => (causeLine ? new Set(causeLine.sessionIds) : null), [causeLine]);
  const timelineShown = useMemo(
    () => filterSessions(analysis.summaries, view.filters, causeSessions),
    [analysis.summaries, view.filters, causeSessions],
  );
  // Stable callbacks: the tables and charts below re-render only when their data does, not on every page.
  const selectSession = useCallback(
    (session: string | null) => update((current) => ({ ...current, session, segment: 0 })),
    [update],
  );
  const zoomTimeline = useCallback(
    (zoom: number, pan: number) => update((current) => ({ ...current, zoom, pan })),
    [update],
  );
  const setFilters = useCallback(
    (filters: SessionFilters) => update((current) => ({ ...current, filters })),
    [update],
  );
  const setSort = useCallback((sort: Sort) => update((current) => ({ ...current, sort })), [update]);
  const compareWith = useCallback(
    (compare: [string, string]) => {
      update((current) => ({ ...current, compare }));
      window.scrollTo({ top: 0 });
    },
    [update],
  );

  useEffect(preloadParts, []);
  // The first screen (header, verdict, findings) paints first; the parts below follow one at a time, each in a
  // transition of its own: React renders a transition with the browser free in between, but commits it in one go,
  // and all four parts committed together (their effects, the virtual lists measuring the page) took 70 ms.
  const [lower, setLower] = useState(0);
  const hasCall = Boolean(pages?.[0]?.call);
  useEffect(() => {
    if (!hasCall || lower >= LOWER_PARTS) return;
    const timer = setTimeout(() => startTransition(() => setLower(lower + 1)));
    return () => clearTimeout(timer);
  }, [hasCall, lower]);

  // An ID Graph does not have stays off the home page's recent lookups.
  const notFound = data.error instanceof ApiProblem && data.error.status === 404 && !reportId;
  useEffect(() => {
    if (notFound) forgetLookup(data.callId);
  }, [notFound, data.callId]);

  if (data.isPending) {
    return (
      <p role="status" className="text-muted">
        Loading call {data.callId}…
      </p>
    );
  }
  if (data.error && !pages) {
    const retryAfter = data.error instanceof ApiProblem ? data.error.retryAfterSeconds : undefined;
    return (
      <ErrorPanel
        title={problemTitle(data.error)}
        message={problemMessage(data.error)}
        requestId={data.error instanceof ApiProblem ? data.error.requestId : undefined}
        action={
          <div className="flex gap-3 text-sm">
            {!reportId && isRetryable(data.error) && (
              <Button variant="danger" onClick={data.refetch}>
                {retryAfter ? `Try again (after ${retryAfter} s)` : "Try again"}
              </Button>
            )}
            <Link href="/" className="self-center underline">
              Look up another call
            </Link>
          </div>
        }
      />
    );
  }
  const call = pages?.[0]?.call;
  if (!call) return null;
  const selected = view.session;
  const selectedSummary = selected ? analysis.summaries.find((s) => s.session.id === selected) : undefined;

  return (
    <div className="space-y-6">
      {banner}
      {invalid.length > 0 && (
        <p
          role="status"
          className="rounded border border-warn-line bg-warn-soft p-2 text-sm text-warn-fg"
          data-testid="view-notice"
        >
          Some settings in this link were not understood ({invalid.join(", ")}): the view shows their defaults
          instead.
        </p>
      )}
      <MaskedNotice />
      <CallHeader
        call={call}
        participants={{
          // The table's rows: the list's people and anyone seen in sessions the list missed, so the two agree.
          count: analysis.people.rows.length,
          final: analysis.people.final,
          sessionsDone: !data.hasNextPage,
        }}
        sessions={analysis.summaries.length}
      />
      {analysis.unreadable.length > 0 && (
        <p
          role="status"
          className="rounded border border-warn-line bg-warn-soft p-2 text-sm text-warn-fg"
          data-testid="unreadable-notice"
        >
          Part of this record could not be read: {analysis.unreadable.map(describeUnreadable).join("; ")}.
          Everything else is shown; those values count as not reported.
        </p>
      )}
      <CallToolbar
        call={call}
        reportId={reportId}
        sessions={analysis.sessions}
        complete={!data.hasNextPage && !analysis.pending}
      />
      <LoadProgress
        loaded={
          data.hasNextPage || analysis.pending ? (pages?.at(-1)?.loaded ?? 0) : analysis.summaries.length
        }
        pages={pages?.length ?? 0}
        loading={data.hasNextPage}
        error={data.isFetchNextPageError ? data.error : null}
        resumeAt={data.resumeAt}
        onResume={data.fetchNextPage}
        fromSnapshot={Boolean(reportId)}
        judging={analysis.pending}
        leftOut={(pages ?? []).reduce(
          (sum, page) => sum + (page.lost ?? []).reduce((n, lost) => n + lost.count, 0),
          0,
        )}
      />
      {analysis.sides && <SideBySide sides={analysis.sides} />}
      {pair && (
        <SideBySide
          sides={pair}
          heading={`Comparing ${pair.caller.label} ${pair.callee.key === MEDIAN ? "with" : "and"} ${pair.callee.label}`}
          onClose={() => update((current) => ({ ...current, compare: null }))}
        />
      )}
      {analysis.story.meeting && (
        <MeetingCauses
          story={analysis.story.meeting}
          onShow={(line) => {
            update((current) => ({ ...current, filters: { ...NO_FILTERS, cause: line.id, poorOnly: true } }));
            document.getElementById("sessions-heading")?.scrollIntoView({ block: "start" });
          }}
        />
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <VerdictCard verdict={analysis.verdict} partial={data.hasNextPage || analysis.pending} />
        <FindingsList findings={analysis.findings} onOpenSession={selectSession} />
      </div>
      {/* A saved report is a snapshot: the live phone logs are not part of it. Read after the sessions, and only
          mounted then: its code loads on demand, and a part still loading in the first screen's render holds back
          that render's commit (React reveals what was waiting at most every 300 ms in a transition). */}
      {!reportId && !data.hasNextPage && <PhoneLegs callId={call.id} ready />}
      {selected &&
        (selectedSummary ? (
          <SessionDetail
            siteOf={siteOf}
            cause={analysis.story.headline}
            summary={selectedSummary}
            segmentIndex={view.segment}
            onSegment={(segment) => update((current) => ({ ...current, segment }))}
            onClose={() => selectSession(null)}
          />
        ) : data.hasNextPage ? (
          <p role="status" className="text-sm">
            Session {selected} has not loaded yet; it will open when its page arrives.
          </p>
        ) : (
          <ErrorPanel
            title="Session not found"
            message={`This call has no session ${selected}. It may be a link from an older version of the record.`}
            action={
              <button type="button" className="text-sm underline" onClick={() => selectSession(null)}>
                Close
              </button>
            }
          />
        ))}
      {lower >= 1 && (
        <ParticipantsTable
          people={analysis.people}
          error={data.participantsError}
          onCompare={analysis.sides ? undefined : compareWith}
        />
      )}
      {lower >= 2 && (
        <ChartBoundary name="session timeline">
          <SessionTimeline
            summaries={analysis.summaries}
            shown={timelineShown}
            selected={selected}
            onSelect={selectSession}
            zoom={view.zoom}
            offset={view.pan}
            onZoom={zoomTimeline}
          />
        </ChartBoundary>
      )}
      {lower >= 3 && (
        <ChartBoundary name="sessions over time">
          <SessionsChart summaries={analysis.summaries} />
        </ChartBoundary>
      )}
      {lower >= 4 && (
        <SessionsTable
          cause={causeLine}
          causeMissing={Boolean(view.filters.cause) && !causeLine && !data.hasNextPage}
          siteOf={siteOf}
          summaries={analysis.summaries}
          selected={selected}
          onSelect={selectSession}
          filters={view.filters}
          onFilters={setFilters}
          sort={view.sort}
          onSort={setSort}
        />
      )}
    </div>
  );
}
