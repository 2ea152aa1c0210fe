// A rule as a person writes it, checked field by field: each problem names its field and says what is allowed.
import { z } from "zod";
import { isGuid } from "@/lib/format/guid";
import { DIMENSIONS, dimensionNamed } from "@/lib/history/dimensions";
import { AlertError } from "./errors";
import {
  ALERT_PARTS,
  DIGESTS,
  MEDIA,
  WINDOWS,
  type AlertWindow,
  type RuleSettings,
  type RuleSpec,
} from "./model";

const NAME_MAX = 120;
const MAX_DESTINATIONS = 10;
/** The shortest window a sample of this size can fill at the tenant's pace is not knowable here; a floor per window is. */
const MIN_STREAMS_FLOOR: Record<AlertWindow, number> = { "1h": 10, "24h": 20, "7d": 30 };

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM, 24-hour");

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Europe/Lisbon");

const percent = z.number().min(0, "from 0 to 100 (%)").max(100, "from 0 to 100 (%)");

const personSpec = z.object({
  kind: z.literal("person"),
  people: z.union([
    z.literal("watch-list"),
    z.array(z.string().refine(isGuid, "Entra object IDs (GUIDs)")).min(1).max(200),
  ]),
  parts: z.array(z.enum(ALERT_PARTS)).min(1, "at least one of impacting, impacted, both, unclear"),
});

const bandSpec = z.object({
  kind: z.literal("band"),
  dimension: z.string().refine((name) => dimensionNamed(name) !== null, {
    message: `one of ${DIMENSIONS.map((d) => d.name).join(", ")}`,
  }),
  values: z.array(z.string().min(1).max(200)).min(1).max(100).nullable().default(null),
  window: z.enum(Object.keys(WINDOWS) as [AlertWindow, ...AlertWindow[]]),
  bandPercent: percent,
  minStreams: z.number().int().min(1).max(1_000_000),
  overBaselinePoints: percent.default(5),
  media: z.enum(MEDIA).default("all"),
});

const newCauseSpec = z.object({ kind: z.literal("new-cause"), media: z.enum(MEDIA).default("all") });

const trunkSpec = z.object({
  kind: z.literal("trunk"),
  trunk: z.string().min(1).max(255).nullable().default(null),
  window: z.enum(["1h", "24h"]),
  failedPercent: percent.nullable().default(null),
  sipCode: z
    .object({ code: z.number().int().min(100).max(699), atLeast: z.number().int().min(1).max(100_000) })
    .nullable()
    .default(null),
  minCalls: z.number().int().min(1).max(100_000).default(10),
});

const spec = z.discriminatedUnion("kind", [personSpec, bandSpec, newCauseSpec, trunkSpec], {
  error: "kind must be person, band, new-cause or trunk",
});

const settings = z.object({
  name: z.string().trim().min(1, "a name").max(NAME_MAX, `at most ${NAME_MAX} characters`),
  enabled: z.boolean().default(true),
  cooldownMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  digest: z.enum(DIGESTS).default("none"),
  quietHours: z.object({ from: time, to: time, timeZone }).nullable().default(null),
  snoozedUntil: z.number().int().nullable().default(null),
  destinationIds: z.array(z.string().min(1).max(64)).max(MAX_DESTINATIONS).default([]),
});

const ruleInput = settings.extend({ spec });

export type RuleInput = RuleSettings & { spec: RuleSpec };

/** "spec.bandPercent: from 0 to 100 (%)" for each problem, the first few. */
function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
    .join("; ");
}

function checkSample(rule: RuleInput): void {
  const s = rule.spec;
  if (s.kind === "band" && s.minStreams < MIN_STREAMS_FLOOR[s.window])
    throw new AlertError(
      400,
      "window_too_short",
      `spec.minStreams: ${s.minStreams} streams is too small a sample for ${WINDOWS[s.window].label}; ask for at least ${MIN_STREAMS_FLOOR[s.window]} (a few poor streams would fire it).`,
    );
  if (s.kind === "band" && s.bandPercent === 0)
    throw new AlertError(
      400,
      "invalid_rule",
      "spec.bandPercent: 0 % would fire on any poor stream; use 1 % or more.",
    );
  if (s.kind === "trunk" && s.failedPercent === null && s.sipCode === null)
    throw new AlertError(
      400,
      "invalid_rule",
      "spec: a trunk rule needs failedPercent, sipCode, or both: say what counts as failing.",
    );
}

/** A new rule from a request body; throws AlertError 400 naming the field. */
export function parseRuleInput(body: unknown): RuleInput {
  const parsed = ruleInput.safeParse(body);
  if (!parsed.success)
    throw new AlertError(400, "invalid_rule", `The rule is not valid: ${problems(parsed.error)}.`);
  const rule = parsed.data as RuleInput;
  checkSample(rule);
  return rule;
}

/** A change to a rule: any of its fields; the result is checked as a whole. */
export function parseRulePatch(current: RuleInput, body: unknown): RuleInput {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new AlertError(400, "invalid_rule", "Send the fields to change as a JSON object.");
  const unknown = Object.keys(body).filter((key) => !(key in ruleInput.shape));
  if (unknown.length > 0)
    throw new AlertError(
      400,
      "invalid_rule",
      `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. A rule has ${Object.keys(ruleInput.shape).join(", ")}.`,
    );
  return parseRuleInput({ ...current, ...body });
}
