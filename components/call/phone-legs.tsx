"use client";
import { PhoneLogTable } from "@/components/phone/phone-log-table";
import { Card } from "@/components/ui/card";
import { problemMessage } from "@/lib/client/problem-text";
import { usePhoneLegs } from "@/lib/client/search";
import { formatCount } from "@/lib/format/numbers";

const LOG_NAMES = { pstn: "PSTN log", directRouting: "Direct Routing log" } as const;

/** The call's phone side as the PSTN and Direct Routing logs record it; nothing for a Teams-only call. */
export function PhoneLegs({ callId, ready }: { callId: string; ready: boolean }) {
  const legs = usePhoneLegs(callId, ready);
  if (!ready || legs.isPending) return null;
  if (legs.isError)
    return (
      <p role="status" className="text-sm text-warn-fg" data-testid="phone-legs-error">
        The phone logs could not be read for this call: {problemMessage(legs.error)}
      </p>
    );
  const data = legs.data;
  if (!data.applicable) return null;
  return (
    <Card as="section" aria-labelledby="phone-legs-heading" className="space-y-3" data-testid="phone-legs">
      <h2 id="phone-legs-heading" className="text-lg font-semibold">
        Phone legs
      </h2>
      <p className="text-sm">
        This call reached the phone network: {data.reason}.{" "}
        {data.matches.length === 0
          ? "No row of the phone logs matches it (yet: log rows can appear later than the call record)."
          : `${data.matches.length} ${data.matches.length === 1 ? "row" : "rows"} of the phone logs match it.`}
      </p>
      {data.logs
        .filter((log) => log.status !== "read" || !log.complete)
        .map((log) => (
          <p
            key={log.kind}
            role="status"
            className="rounded border border-warn-line bg-warn-soft p-2 text-sm text-warn-fg"
          >
            {LOG_NAMES[log.kind]}:{" "}
            {log.message ?? `only the first ${formatCount(log.rowsRead)} rows of the window were read.`}
          </p>
        ))}
      {data.matches.length > 0 && (
        <PhoneLogTable
          rows={data.matches.map((match) => match.row)}
          explanations={data.matches.map((match) => match.explanation)}
          caption="Phone log rows of this call"
        />
      )}
      {data.method && <p className="text-xs text-muted">How rows are matched: {data.method}</p>}
    </Card>
  );
}
