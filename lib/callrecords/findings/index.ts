import type { Session } from "../model";
import type { CallStory } from "../story";
import type { StreamRow } from "../streams";
import { DEFAULT_THRESHOLDS, type ThresholdTable } from "../thresholds";
import { causeRule } from "./cause";
import { devicesRule } from "./devices";
import { failedSessionsRule } from "./failed-sessions";
import { feedbackRule } from "./feedback";
import { noTelemetryRule } from "./no-telemetry";
import { poorStreamsRule } from "./poor-streams";
import type { Finding, FindingRule } from "./types";

export type { Evidence, Finding, FindingRule } from "./types";

/** Every rule, in no particular order (findings are sorted by severity). A new rule is a file and a line here. */
export const FINDING_RULES: readonly FindingRule[] = [
  causeRule,
  poorStreamsRule,
  failedSessionsRule,
  devicesRule,
  feedbackRule,
  noTelemetryRule,
];

/** The label shown beside each kind of finding, from the rules. */
export const FINDING_KIND_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...FINDING_RULES.map((rule) => rule.labels),
);

/** The top findings, in plain language, each with the streams or sessions it rests on. */
export function findings(
  sessions: readonly Session[],
  rows: readonly StreamRow[],
  story: CallStory,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
  rules: readonly FindingRule[] = FINDING_RULES,
): Finding[] {
  const input = { sessions, rows, story, table };
  return rules.flatMap((rule) => rule.find(input)).sort((a, b) => b.severity - a.severity);
}
