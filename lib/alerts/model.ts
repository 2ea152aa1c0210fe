// The shapes of alerts as the API and the page see them. Client-safe: types and words only (validation, which
// needs zod, is server work in rules.ts).

/** A person's part that a person rule alerts on (lib/callrecords/attribution.ts's parts, "fine" excluded). */
export const ALERT_PARTS = ["impacting", "impacted", "both", "unclear"] as const;
export type AlertPart = (typeof ALERT_PARTS)[number];

export const WINDOWS = {
  "1h": { label: "the last hour", ms: 3_600_000 },
  "24h": { label: "the last 24 hours", ms: 86_400_000 },
  "7d": { label: "the last 7 days", ms: 7 * 86_400_000 },
} as const;
export type AlertWindow = keyof typeof WINDOWS;

export const DIGESTS = ["none", "hourly", "daily"] as const;
export type Digest = (typeof DIGESTS)[number];

export const MEDIA = ["all", "audio", "video", "screenSharing"] as const;
export type AlertMedia = (typeof MEDIA)[number];

/** A watched person or room had a poor call in which their part is one of `parts`. */
export interface PersonSpec {
  kind: "person";
  /** Everyone on the watch list, or some of them (object IDs). */
  people: "watch-list" | string[];
  parts: AlertPart[];
}

/** A value of a dimension is over a poor-stream band for a window, with enough streams, above its own usual. */
export interface BandSpec {
  kind: "band";
  dimension: string;
  /** The values watched; null: every value of the dimension. */
  values: string[] | null;
  window: AlertWindow;
  /** Poor streams as a percentage of classified streams, 0–100. */
  bandPercent: number;
  minStreams: number;
  /** How far over its own previous four weeks the value must be, in percentage points; 0: the band alone. */
  overBaselinePoints: number;
  media: AlertMedia;
}

/** A value enters the overview's ranking of where the problem is that was not there the day before. */
export interface NewCauseSpec {
  kind: "new-cause";
  media: AlertMedia;
}

/** Direct Routing: a trunk's failed-call share, or how many calls ended with one SIP code, over a threshold. */
export interface TrunkSpec {
  kind: "trunk";
  /** A trunk's FQDN; null: every trunk. */
  trunk: string | null;
  window: "1h" | "24h";
  /** Failed calls as a percentage of the trunk's calls; null: not checked. */
  failedPercent: number | null;
  /** A final SIP code (e.g. 503) and how many calls ending with it fire; null: not checked. */
  sipCode: { code: number; atLeast: number } | null;
  minCalls: number;
}

export type RuleSpec = PersonSpec | BandSpec | NewCauseSpec | TrunkSpec;
export type RuleKind = RuleSpec["kind"];

export interface QuietHours {
  /** Local times, HH:MM; `from` after `to` spans midnight. */
  from: string;
  to: string;
  timeZone: string;
}

/** What every rule has besides what it watches. */
export interface RuleSettings {
  name: string;
  enabled: boolean;
  /** One alert per rule and value until the value recovers or this many minutes pass. */
  cooldownMinutes: number;
  digest: Digest;
  quietHours: QuietHours | null;
  snoozedUntil: number | null;
  destinationIds: string[];
}

export interface AlertRule extends RuleSettings {
  id: string;
  spec: RuleSpec;
  createdBy: string;
  createdByName: string;
  createdAt: number;
  updatedAt: number;
}

export const DESTINATION_KINDS = ["teams", "email", "webhook"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** A destination as the API shows it: its secret target masked (a webhook URL is a password). */
export interface DestinationView {
  id: string;
  name: string;
  kind: DestinationKind;
  /** `https://prod-12.westus.logic.azure.com/…` or `ops@contoso.example, +1`. */
  target: string;
  createdBy: string;
  createdAt: number;
  /** Failing since (ms), while deliveries fail; broken once it has failed for a day. */
  failingSince: number | null;
  broken: boolean;
  lastError: string | null;
  lastOkAt: number | null;
}

/** One alert as it is sent: what the card, the email and the webhook's JSON are made from. */
export interface AlertMessage {
  ruleId: string;
  ruleName: string;
  kind: RuleKind | "test";
  /** The verdict in one line: "Mateo Alvarez had a poor call (impacted)". */
  title: string;
  /** Why, in a sentence: the evidence. */
  summary: string;
  facts: { name: string; value: string }[];
  link: { label: string; url: string } | null;
  /** ISO time of what the alert is about. */
  at: string;
}

export const DELIVERY_STATUSES = ["queued", "sending", "sent", "failed", "unsure"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryView {
  id: string;
  createdAt: number;
  ruleId: string;
  ruleName: string;
  title: string;
  destinationId: string;
  destinationName: string;
  destinationKind: DestinationKind;
  status: DeliveryStatus;
  attempts: number;
  dueAt: number;
  sentAt: number | null;
  /** The destination's last answer (HTTP status or SMTP code), when there was one. */
  lastStatus: number | null;
  lastError: string | null;
  /** How many alerts this delivery carries (a digest carries several). */
  alerts: number;
}

export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Delivered",
  failed: "Failed",
  unsure: "Unsure: callscope stopped while sending",
};

const PART_WORDS: Record<AlertPart, string> = {
  impacting: "impacting",
  impacted: "impacted",
  both: "both impacting and impacted",
  unclear: "unclear",
};

/** What a rule watches, in a sentence for the rules list. */
export function describeSpec(spec: RuleSpec, dimensionLabel: (name: string) => string = (n) => n): string {
  switch (spec.kind) {
    case "person":
      return `${spec.people === "watch-list" ? "Anyone on the watch list" : `${spec.people.length} watched ${spec.people.length === 1 ? "person" : "people"}`} had a poor call (their part: ${spec.parts.map((p) => PART_WORDS[p]).join(", ")})`;
    case "band":
      return `${spec.values ? `${dimensionLabel(spec.dimension)} ${spec.values.join(", ")}` : `Any ${dimensionLabel(spec.dimension).toLowerCase()}`} over ${spec.bandPercent} % poor ${spec.media === "all" ? "" : `${spec.media} `}streams in ${WINDOWS[spec.window].label} (at least ${spec.minStreams} streams${spec.overBaselinePoints > 0 ? `, ${spec.overBaselinePoints} points over its usual` : ""})`;
    case "new-cause":
      return `A new value in the overview's "where the problem is"${spec.media === "all" ? "" : ` (${spec.media})`}`;
    case "trunk":
      return `${spec.trunk ?? "Any Direct Routing trunk"}: ${[
        spec.failedPercent !== null ? `${spec.failedPercent} % of calls failed` : null,
        spec.sipCode ? `${spec.sipCode.atLeast}+ calls ended with SIP ${spec.sipCode.code}` : null,
      ]
        .filter(Boolean)
        .join(" or ")} in ${WINDOWS[spec.window].label} (at least ${spec.minCalls} calls)`;
  }
}
