import {
  CALL_TYPE_LABELS,
  callDurationMs,
  formatDuration,
  identityLabel,
  lookup,
} from "@/lib/callrecords/describe";
import type { CallSummary } from "@/lib/callrecords/model";
import type { ReactNode } from "react";
import { DualTime } from "@/components/ui/dual-time";
import { formatCount } from "@/lib/format/numbers";

export function CallHeader({
  call,
  participants,
  sessions,
}: {
  call: CallSummary;
  /** `final`: Graph's list of participants arrived; else counted from the sessions, all of them once `sessionsDone`. */
  participants: { count: number; final: boolean; sessionsDone: boolean };
  sessions: number;
}) {
  const duration = callDurationMs(call);
  const facts: [string, ReactNode, string?][] = [
    ["Start", <DualTime key="start" time={call.startDateTime} />],
    ["End", <DualTime key="end" time={call.endDateTime} />],
    ["Duration", formatDuration(duration)],
    [
      "Organizer",
      `${identityLabel(call.organizer) ?? "not reported"}${call.organizerSource === "legacy" ? " (legacy organizer)" : ""}`,
    ],
    [
      "Participants",
      `${formatCount(participants.count)}${
        participants.final
          ? ""
          : participants.sessionsDone
            ? " (from the sessions)"
            : " so far (from sessions)"
      }`,
    ],
    ["Sessions", formatCount(sessions)],
    ["Modalities", call.modalities.join(", ") || "none reported"],
    [
      "Record version",
      <>
        {call.version}
        <span className="block text-xs font-normal text-muted">
          Graph may republish a record as more of its data arrives: a higher version of the same call adds to
          the lower one. Last updated{" "}
          {call.lastModifiedDateTime ? <DualTime time={call.lastModifiedDateTime} /> : "—"}
        </span>
      </>,
    ],
  ];
  return (
    <section aria-labelledby="call-heading" className="space-y-3">
      <div>
        <p className="text-sm text-muted">{lookup(CALL_TYPE_LABELS, call.type ?? "unknown") ?? call.type}</p>
        <h1 id="call-heading" className="font-mono text-xl font-semibold break-all">
          {call.id}
        </h1>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-muted">{label}</dt>
            <dd className="font-medium" data-testid={`fact-${label.toLowerCase().replace(/\s+/g, "-")}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
