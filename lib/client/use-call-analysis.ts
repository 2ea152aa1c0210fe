"use client";
import { useEffect, useMemo, useState } from "react";
import { analysisSteps, runSteps, runStepsPausing } from "@/lib/callrecords/analyze";
import { firstOfEach } from "@/lib/callrecords/dedupe";
import { participantList, personRows } from "@/lib/callrecords/participants";
import type { SiteOf } from "@/lib/callrecords/compare";
import { unreadableTotals } from "@/lib/callrecords/unreadable";
import type { ParticipantsResponse } from "./use-participants";
import { summariesOf, type CallPage } from "./call-page";

/** The sessions read so far, each once, summarised. */
function gather(pages: readonly CallPage[] | undefined) {
  const callType = pages?.[0]?.call?.type ?? null;
  const summaries = firstOfEach(
    (pages ?? []).flatMap((page) => summariesOf(page, callType)),
    (summary) => summary.session.id,
  );
  const rows = summaries.flatMap((summary) => summary.rows);
  const sessions = summaries.map((summary) => summary.session);
  return { summaries, sessions, rows, unreadable: unreadableTotals(sessions) };
}

/** Gathering, then the call's analysis steps (lib/callrecords/analyze.ts, listed once there). */
function* steps(pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) {
  const base = gather(pages);
  yield;
  const analysis = yield* analysisSteps(base.sessions, base.rows, siteOf);
  return { ...base, ...analysis, sides: analysis.story.pair };
}

const analyzeNow = (pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) =>
  runSteps(steps(pages, siteOf));

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
    void runStepsPausing(steps(pages, siteOf), nextTask, () => stop).then((analysis) => {
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
