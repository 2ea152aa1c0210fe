import { identityLabel } from "@/lib/callrecords/describe";
import { PART_LABELS, type Part } from "@/lib/callrecords/attribution";
import { otherParty, type CallRoles, type PersonPart } from "@/lib/callrecords/person-parts";
import { Badge } from "./badge";

const TONES: Record<Part, "poor" | "warn" | "good" | "neutral"> = {
  impacting: "poor",
  both: "poor",
  impacted: "warn",
  unclear: "warn",
  fine: "good",
};
const ICONS: Record<Part, string> = { impacting: "▲", both: "▲▼", impacted: "▼", unclear: "?", fine: "✓" };

/** A person's part in one call, as a list row shows it: the part, the worst of their own streams, and who else. */
export function PersonPartSummary({
  roles,
  part,
  name,
}: {
  roles: CallRoles;
  part: PersonPart | null;
  /** Whose row this is, for "not in the sessions read". */
  name: string;
}) {
  if (!part)
    return (
      <span className="text-xs text-muted" data-testid="person-part">
        {name} not in the sessions read
      </span>
    );
  const other = otherParty(roles, part);
  return (
    <span className="block text-xs" data-testid="person-part" data-part={part.part}>
      <Badge tone={TONES[part.part]}>
        <span aria-hidden="true">{ICONS[part.part]} </span>
        {PART_LABELS[part.part]}
      </Badge>
      {part.worst && (
        <span className="block text-muted">
          {part.worst.direction} {part.worst.media.toLowerCase()}: {part.worst.text}
          {part.networkKind ? `, on ${part.networkKind}` : ""}
        </span>
      )}
      <span className="block text-muted" data-testid="other-party">
        {other ? (
          <>
            with <bdi>{identityLabel(other.identity) ?? "an unidentified party"}</bdi>
            {other.part !== "fine" ? ` (${PART_LABELS[other.part]})` : ""}
          </>
        ) : (
          `${roles.affected} of ${roles.total} ${roles.total === 1 ? "person" : "people"} affected`
        )}
      </span>
    </span>
  );
}
