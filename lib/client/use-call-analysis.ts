"use client";
import { useEffect, useMemo, useState } from "react";
import { callVerdict, findings, participantImpact, type SessionSummary } from "@/lib/callrecords/analysis";
import { participantList, personRows } from "@/lib/callrecords/participants";
import type { SiteOf } from "@/lib/callrecords/compare";
import { callStory } from "@/lib/callrecords/story";
import { unreadableTotals } from "@/lib/callrecords/unreadable";
import type { ParticipantsResponse } from "./use-participants";
import { summariesOf, type CallPage } from "./call-page";

type Analysis = ReturnType<typeof analyzeNow>;

function gather(pages: readonly CallPage[] | undefined) {
  const callType = pages?.[0]?.call?.type ?? null;
  const seen = new Set<string>();
  const summaries: SessionSummary[] = [];
  for (const page of pages ?? []) {
    for (const summary of summariesOf(page, callType)) {
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
    verdict: callVerdict(rows, sessions),
    unreadable: unreadableTotals(sessions),
  };
}

/**
 * Everything derived from the sessions read so far, one step per `yield`: gathering and the verdict, the one
 * attribution (story.ts: headline, side by side or the meeting's causes, each person's part), the findings
 * read from it, and who hurt whom. Listed once; run at once or a step per task.
 */
function* analysisSteps(pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) {
  const base = gather(pages);
  yield;
  const story = callStory(base.sessions, base.rows, siteOf);
  yield;
  const found = findings(base.sessions, base.rows, story);
  yield;
  const impacts = participantImpact(base.rows, story.parts);
  return { ...base, story, sides: story.pair, findings: found, impacts };
}

function analyzeNow(pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) {
  const steps = analysisSteps(pages, siteOf);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The same analysis a step per task, so the page stays responsive; null when `cancelled` says to stop. */
async function analyzeInSteps(
  pages: readonly CallPage[] | undefined,
  siteOf: SiteOf | undefined,
  cancelled: () => boolean,
): Promise<Analysis | null> {
  const steps = analysisSteps(pages, siteOf);
  for (;;) {
    await nextTask();
    if (cancelled()) return null;
    const step = steps.next();
    if (step.done) return step.value;
  }
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
