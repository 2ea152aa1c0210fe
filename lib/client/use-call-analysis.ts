"use client";
import { useMemo } from "react";
import { callVerdict, findings, participantImpact, type SessionSummary } from "@/lib/callrecords/analysis";
import { participantList, personRows } from "@/lib/callrecords/participants";
import { meetingCauses } from "@/lib/callrecords/causes";
import type { SiteOf } from "@/lib/callrecords/compare";
import { sideBySide } from "@/lib/callrecords/two-sides";
import { unreadableTotals } from "@/lib/callrecords/unreadable";
import type { ParticipantsResponse } from "./use-participants";
import { summariesOf, type CallPage } from "./call-page";

export function useCallAnalysis(
  pages: readonly CallPage[] | undefined,
  listed: ParticipantsResponse | undefined,
  siteOf?: SiteOf,
) {
  const analysis = useMemo(() => {
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
      findings: findings(sessions, rows),
      impacts: participantImpact(rows),
      unreadable: unreadableTotals(sessions),
      sides: sideBySide(sessions, rows, undefined, siteOf),
      // A meeting's shared causes; a call of two people is explained by the side-by-side instead.
      causes:
        new Set(rows.flatMap((row) => [row.senderKey, row.receiverKey])).size > 3
          ? meetingCauses(rows, 5, siteOf)
          : [],
    };
  }, [pages, siteOf]);
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
