"use client";
import { useEffect, useMemo, useState } from "react";
import { callVerdict, findings, participantImpact, type SessionSummary } from "@/lib/callrecords/analysis";
import { participantList, personRows } from "@/lib/callrecords/participants";
import { meetingCauses } from "@/lib/callrecords/causes";
import type { SiteOf } from "@/lib/callrecords/compare";
import { sideBySide } from "@/lib/callrecords/two-sides";
import { unreadableTotals } from "@/lib/callrecords/unreadable";
import type { Session } from "@/lib/callrecords/model";
import type { StreamRow } from "@/lib/callrecords/streams";
import type { ParticipantsResponse } from "./use-participants";
import { summariesOf, type CallPage } from "./call-page";

type Analysis = ReturnType<typeof analyzeNow>;

/** Everything derived from the sessions read so far: verdict, findings, who hurt whom, causes. */
function analyzeNow(pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) {
  const base = gather(pages, siteOf);
  return { ...base, ...details(base.sessions, base.rows, siteOf) };
}

function gather(pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) {
  const seen = new Set<string>();
  const summaries: SessionSummary[] = [];
  for (const page of pages ?? []) {
    for (const summary of summariesOf(page)) {
      if (seen.has(summary.session.id)) continue;
      seen.add(summary.session.id);
      summaries.push(summary);
    }
  }
  const rows = summaries.flatMap((summary) => summary.rows);
  const sessions = summaries.map((summary) => summary.session);
  return {
    summaries,
    sessions,
    rows,
    verdict: callVerdict(rows),
    failedSessions: summaries.filter((summary) => summary.failed).length,
    unreadable: unreadableTotals(sessions),
    sides: sideBySide(sessions, rows, undefined, siteOf),
  };
}

function details(sessions: Session[], rows: StreamRow[], siteOf: SiteOf | undefined) {
  return {
    findings: findings(sessions, rows),
    impacts: participantImpact(rows),
    causes: meetingCausesOf(rows, siteOf),
  };
}

/** A meeting's shared causes; a call of two people is explained by the side-by-side instead. */
function meetingCausesOf(rows: StreamRow[], siteOf: SiteOf | undefined) {
  return new Set(rows.flatMap((row) => [row.senderKey, row.receiverKey])).size > 3
    ? meetingCauses(rows, 5, siteOf)
    : [];
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The same analysis a step per task (gathering, findings, who hurt whom, causes), so that the page
 * stays responsive while thousands of sessions are judged; null when `cancelled` says to stop.
 */
async function analyzeInSteps(
  pages: readonly CallPage[] | undefined,
  siteOf: SiteOf | undefined,
  cancelled: () => boolean,
): Promise<Analysis | null> {
  await nextTask();
  if (cancelled()) return null;
  const base = gather(pages, siteOf);
  await nextTask();
  if (cancelled()) return null;
  const found = findings(base.sessions, base.rows);
  await nextTask();
  if (cancelled()) return null;
  const impacts = participantImpact(base.rows);
  await nextTask();
  if (cancelled()) return null;
  const causes = meetingCausesOf(base.rows, siteOf);
  await nextTask();
  return cancelled() ? null : { ...base, findings: found, impacts, causes };
}

/**
 * The analysis of the pages given, computed once per change, a step per task (not during a render
 * React may throw away and redo), so neither the pages arriving nor a click waits on it. The first
 * pages given are analysed at once, for the first screen.
 */
export function useCallAnalysis(
  pages: readonly CallPage[] | undefined,
  listed: ParticipantsResponse | undefined,
  siteOf?: SiteOf,
) {
  const [state, setState] = useState(() => ({ pages, siteOf, analysis: analyzeNow(pages, siteOf) }));
  useEffect(() => {
    if (state.pages === pages && state.siteOf === siteOf) return;
    let stop = false;
    void analyzeInSteps(pages, siteOf, () => stop).then((analysis) => {
      if (analysis) setState({ pages, siteOf, analysis });
    });
    return () => {
      stop = true;
    };
  }, [pages, siteOf, state.pages, state.siteOf]);
  const analysis = state.analysis;
  const people = useMemo(() => {
    const list = listed
      ? participantList({
          v2: listed.v2,
          v2Unavailable: listed.unavailable,
          legacy: listed.legacy,
          sessions: analysis.sessions,
        })
      : participantList({
          v2: null,
          v2Unavailable: "Graph's participants_v2 list loads after the sessions",
          legacy: null,
          sessions: analysis.sessions,
        });
    return { list, rows: personRows(list, analysis.impacts), final: Boolean(listed) };
  }, [listed, analysis]);
  return { ...analysis, people };
}
