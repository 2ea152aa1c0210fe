"use client";
import { startTransition, useEffect, useState } from "react";
import { analysisSteps, runSteps, runStepsPausing } from "@/lib/callrecords/analyze";
import { firstOfEach } from "@/lib/callrecords/dedupe";
import { participantList, personRowSteps } from "@/lib/callrecords/participants";
import type { SiteOf } from "@/lib/callrecords/compare";
import { unreadableTotals } from "@/lib/callrecords/unreadable";
import type { Site } from "@/lib/sites/building-file";
import { nextTask, sharedAnalysisClient, Superseded, withEndpointSteps } from "./analysis-client";
import type { ParticipantsResponse } from "./use-participants";
import { sessionCount, summariesOf, type CallPage } from "./call-page";
import type { SessionSummary } from "@/lib/callrecords/analysis";

/**
 * The sessions read so far, each once, summarised, a step per SLICE_MS of work. A live call's pages are summarised
 * as each arrives (use-call-record.ts); a saved report's fifty arrive together and are summarised here (~1.5 ms a
 * page: 75 ms in one go).
 */
function* gatherSteps(pages: readonly CallPage[] | undefined) {
  const callType = pages?.[0]?.call?.type ?? null;
  const all: SessionSummary[] = [];
  let since = performance.now();
  for (const page of pages ?? []) {
    for (const summary of summariesOf(page, callType)) all.push(summary);
    if (performance.now() - since > SLICE_MS) {
      yield;
      since = performance.now();
    }
  }
  const summaries = firstOfEach(all, (summary) => summary.session.id);
  const rows = summaries.flatMap((summary) => summary.rows);
  const sessions = summaries.map((summary) => summary.session);
  const lost = (pages ?? []).flatMap((page) => page.lost ?? []);
  return { summaries, sessions, rows, unreadable: unreadableTotals(sessions, lost) };
}
const SLICE_MS = 12;

/** Gathering, then the call's analysis steps (lib/callrecords/analyze.ts, listed once there). */
function* steps(pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) {
  const base = yield* gatherSteps(pages);
  yield;
  const analysis = yield* analysisSteps(base.sessions, base.rows, siteOf);
  return { ...base, ...analysis, sides: analysis.story.pair };
}

type Analysis = ReturnType<typeof analyzeNow>;

/** The participants table's rows: Graph's list of people (or the sessions') with each one's part, a step per yield. */
function* peopleSteps(
  listed: ParticipantsResponse | undefined,
  analysis: Pick<Analysis, "sessions" | "impacts">,
) {
  const list = participantList({
    v2: listed?.v2 ?? null,
    v2Unavailable: listed ? listed.unavailable : "Graph's participants_v2 list loads after the sessions",
    legacy: listed?.legacy ?? null,
    sessions: analysis.sessions,
  });
  yield;
  return { list, rows: yield* personRowSteps(list, analysis.impacts), final: Boolean(listed) };
}
const peopleOf = (
  listed: ParticipantsResponse | undefined,
  analysis: Pick<Analysis, "sessions" | "impacts">,
) => runSteps(peopleSteps(listed, analysis));
const analyzeNow = (pages: readonly CallPage[] | undefined, siteOf: SiteOf | undefined) =>
  runSteps(steps(pages, siteOf));

/** Sessions judged in the render that shows them; more go to the worker. */
const JUDGE_AT_ONCE = 120;

/**
 * The analysis of the pages given, computed once per change. A call of at most JUDGE_AT_ONCE sessions is judged
 * in the render that shows it; a bigger one by the tab's worker (the page only gathers its pages and reads the
 * answer, a step per task) or, without a worker, by the same steps here, one per task, never inside a render React
 * may throw away and redo. `pending` says the analysis is of fewer pages than given.
 */
export function useCallAnalysis(
  pages: readonly CallPage[] | undefined,
  listed: ParticipantsResponse | undefined,
  siteOf?: SiteOf,
  sites?: Site[],
) {
  const [state, setState] = useState(() => {
    // A saved report arrives whole: a big one has only its first page judged here, the rest by the worker.
    const whole = sessionCount(pages) <= JUDGE_AT_ONCE || (pages?.length ?? 0) <= 1;
    return { pages, siteOf, analysis: analyzeNow(whole ? pages : pages?.slice(0, 1), siteOf), whole };
  });
  // A small call (a 1:1, a team meeting) is judged at once, in the render that shows it: a few milliseconds, and
  // the page never shows its first screen with nothing judged.
  if ((state.pages !== pages || state.siteOf !== siteOf) && sessionCount(pages) <= JUDGE_AT_ONCE)
    setState({ pages, siteOf, analysis: analyzeNow(pages, siteOf), whole: true });
  useEffect(() => {
    if (state.pages === pages && state.siteOf === siteOf && state.whole) return;
    const client = sharedAnalysisClient();
    let stop = false;
    const apply = (analysis: Analysis | null) => {
      if (analysis && !stop) startTransition(() => setState({ pages, siteOf, analysis, whole: true }));
    };
    const onThePage = () => void runStepsPausing(steps(pages, siteOf), nextTask, () => stop).then(apply);
    if (client?.usable) {
      const callType = pages?.[0]?.call?.type ?? null;
      client.analyze(pages ?? [], callType, sites ?? null).then(
        (judged) =>
          void runStepsPausing(
            (function* () {
              const base = yield* gatherSteps(pages);
              yield;
              const impacts = yield* withEndpointSteps(judged.impacts, base.rows);
              return { ...base, ...judged, impacts, sides: judged.story.pair };
            })(),
            nextTask,
            () => stop,
          ).then(apply),
        (error: unknown) => {
          if (!(error instanceof Superseded) && !stop) onThePage();
        },
      );
    } else onThePage();
    return () => {
      stop = true;
    };
  }, [pages, siteOf, sites, state.pages, state.siteOf, state.whole]);
  // Who was in the call, matched with who hurt whom: thousands of people in a town hall, so worked out a step per
  // task whenever the analysis or Graph's list of people changes, never during a render.
  const analysis = state.analysis;
  const [people, setPeople] = useState(() => ({ analysis, listed, people: peopleOf(listed, analysis) }));
  useEffect(() => {
    if (people.analysis === analysis && people.listed === listed) return;
    let stop = false;
    void runStepsPausing(peopleSteps(listed, analysis), nextTask, () => stop).then((found) => {
      if (found && !stop) startTransition(() => setPeople({ analysis, listed, people: found }));
    });
    return () => {
      stop = true;
    };
  }, [analysis, listed, people.analysis, people.listed]);
  return { ...analysis, people: people.people, pending: state.pages !== pages || !state.whole };
}
