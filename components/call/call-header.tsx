import {
  CALL_TYPE_LABELS,
  callDurationMs,
  formatDuration,
  identityLabel,
  lookup,
} from "@/lib/callrecords/describe";
import type { CallSummary } from "@/lib/callrecords/model";
import { formatDateTime } from "@/lib/format/dates";

const time = (iso: string | null) => (iso ? formatDateTime(iso) : "—");

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
  const facts: [string, string][] = [
    ["Start", time(call.startDateTime)],
    ["End", time(call.endDateTime)],
    ["Duration", formatDuration(duration)],
    [
      "Organizer",
      `${identityLabel(call.organizer) ?? "not reported"}${call.organizerSource === "legacy" ? " (legacy organizer)" : ""}`,
    ],
    [
      "Participants",
      `${participants.count.toLocaleString("en-US")}${
        participants.final
          ? ""
          : participants.sessionsDone
            ? " (from the sessions)"
            : " so far (from sessions)"
      }`,
    ],
    ["Sessions", sessions.toLocaleString("en-US")],
    ["Modalities", call.modalities.join(", ") || "none reported"],
    ["Record version", `${call.version} (updated ${time(call.lastModifiedDateTime)})`],
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
