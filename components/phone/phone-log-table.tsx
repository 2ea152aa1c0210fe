import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDuration, lookup } from "@/lib/callrecords/describe";
import { PHONE_CALL_TYPE_LABELS, phoneOutcome, type PhoneLogRow } from "@/lib/callrecords/phone-log";
import { formatDateTime } from "@/lib/format/dates";
import {
  ANSWERER_WORDS,
  SIP_CODES_PAGE,
  datacenterWords,
  explainSipCodes,
} from "@/lib/callrecords/sip-codes";

const KIND_LABELS = { pstn: "PSTN", directRouting: "Direct Routing" } as const;

/** Rows of the PSTN and Direct Routing logs, with what each says about the call's phone side. */
export function PhoneLogTable({
  rows,
  explanations,
  caption,
}: {
  rows: PhoneLogRow[];
  /** Per row, how it was tied to a call (on a call's page). */
  explanations?: string[];
  caption: string;
}) {
  return (
    <div className="relative overflow-x-auto">
      <Table data-testid="phone-log-table" className="min-w-[72rem]">
        <caption className="sr-only">{caption}</caption>
        <thead className="whitespace-nowrap text-muted">
          <tr>
            <Th>Started (UTC)</Th>
            <Th>Log</Th>
            <Th>User</Th>
            <Th>From → to</Th>
            <Th>Type</Th>
            <Th>Duration</Th>
            <Th>Outcome</Th>
            <Th>Trunk and media</Th>
            <Th>Charge</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const start = row.startDateTime ?? row.inviteDateTime;
            return (
              <tr
                key={`${row.kind}:${row.id}`}
                className="border-t border-line align-top"
                data-testid="phone-log-row"
              >
                <Td className="whitespace-nowrap py-1">{start ? formatDateTime(start) : "—"}</Td>
                <Td className="whitespace-nowrap">{KIND_LABELS[row.kind]}</Td>
                <Td className="min-w-[11rem]">
                  <bdi>{row.userDisplayName ?? row.userPrincipalName ?? "—"}</bdi>
                  {row.userPrincipalName && row.userDisplayName && (
                    <span className="block text-xs text-muted">
                      <bdi>{row.userPrincipalName}</bdi>
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap font-mono text-xs">
                  {row.callerNumber ?? "—"} → {row.calleeNumber ?? "—"}
                </Td>
                <Td className="min-w-[7rem]">
                  {row.callType ? (lookup(PHONE_CALL_TYPE_LABELS, row.callType) ?? row.callType) : "—"}
                </Td>
                <Td className="whitespace-nowrap">
                  {row.durationSeconds !== null ? formatDuration(row.durationSeconds * 1000) : "—"}
                </Td>
                <Td>
                  {row.successful === false ? (
                    <Badge tone="poor">{phoneOutcome(row)}</Badge>
                  ) : (
                    // The page's own word ("Connected"): broken between words only, never "Connect ed".
                    <span data-words>{phoneOutcome(row)}</span>
                  )}
                  <SipWords row={row} />
                  {explanations?.[index] && (
                    <span className="block text-xs text-muted" data-testid="phone-match">
                      Matched: {explanations[index]}
                    </span>
                  )}
                </Td>
                <Td className="text-xs">
                  {row.kind === "directRouting" ? (
                    <>
                      {row.trunkFqdn && <span className="block font-mono">{row.trunkFqdn}</span>}
                      <span className="block">
                        Media bypass{" "}
                        {row.mediaBypassEnabled === null
                          ? "not reported"
                          : row.mediaBypassEnabled
                            ? "on"
                            : "off"}
                      </span>
                      <span className="block">
                        Signalling: {datacenterWords(row.signalingLocation) ?? "not reported"}
                      </span>
                      <span className="block">
                        Media:{" "}
                        {datacenterWords(row.mediaPathLocation) ??
                          (row.mediaBypassEnabled
                            ? "bypassed (straight between client and SBC)"
                            : "not reported")}
                      </span>
                      {row.reference && (
                        <span className="block font-mono text-muted">Correlation {row.reference}</span>
                      )}
                    </>
                  ) : (
                    <>
                      {row.operator && <span className="block">{row.operator}</span>}
                      {row.licenseCapability && <span className="block">{row.licenseCapability}</span>}
                      {row.inventoryType && <span className="block">Number type: {row.inventoryType}</span>}
                      {row.callDurationSource && (
                        <span className="block" data-testid="duration-source">
                          Duration measured by{" "}
                          {row.callDurationSource === "operator"
                            ? "the operator"
                            : row.callDurationSource === "microsoft"
                              ? "Microsoft"
                              : row.callDurationSource}
                        </span>
                      )}
                      {(row.usageCountryCode || row.tenantCountryCode) && (
                        <span className="block">
                          User&apos;s country {row.usageCountryCode ?? "not reported"}, tenant&apos;s{" "}
                          {row.tenantCountryCode ?? "not reported"}
                        </span>
                      )}
                    </>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-xs">
                  {row.charge !== null ? `${row.charge.toFixed(2)} ${row.currency ?? ""}` : "—"}
                  {row.destinationName && (
                    <span className="block text-muted">
                      {row.destinationName}
                      {row.destinationContext ? ` (${row.destinationContext})` : ""}
                    </span>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

/** The final SIP code and Microsoft's sub-code in words, who answered, and what to check next. */
function SipWords({ row }: { row: PhoneLogRow }) {
  const words = row.kind === "directRouting" ? explainSipCodes(row) : null;
  if (!words) return null;
  return (
    <span className="block max-w-xs text-xs" data-testid="sip-words">
      <span className="block">
        {words.meaning[0]?.toUpperCase()}
        {words.meaning.slice(1)}.
      </span>
      {!words.normal && <span className="block text-muted">{ANSWERER_WORDS[words.answerer]}.</span>}
      {words.next && (
        <span className="block">
          Next: {words.next}{" "}
          <a className="underline" href={SIP_CODES_PAGE} target="_blank" rel="noreferrer">
            Microsoft&apos;s list of codes
          </a>
        </span>
      )}
    </span>
  );
}
