import type { CallStory } from "../story";
import type { Session } from "../model";
import type { StreamRow } from "../streams";
import type { ThresholdTable } from "../thresholds";

export interface Evidence {
  sessionId: string;
  segmentId?: string;
  detail: string;
}

export interface Finding {
  id: string;
  /** The rule's kind; its label is in the rule (`FindingRule.labels`). */
  kind: string;
  /** Higher first. Cause findings sit at 100 and down so they always lead. */
  severity: number;
  text: string;
  evidence: Evidence[];
}

/** What every rule reads: the call's sessions, their judged streams and the call's one attribution. */
export interface FindingInput {
  sessions: readonly Session[];
  rows: readonly StreamRow[];
  story: CallStory;
  table: ThresholdTable;
}

/**
 * One rule of the findings list (`index.ts` runs them all). Graph strings in `text` go through `isolate()`
 * (describe.ts), so a display name cannot turn the sentence around. A rule about *cause* reads the story;
 * it never judges cause on its own.
 */
export interface FindingRule {
  /** The label of each kind the rule produces, shown beside its findings. */
  labels: Record<string, string>;
  find(input: FindingInput): Finding[];
}

/** Evidence lists are cut here: a finding names its first streams or sessions, the table has the rest. */
export const MAX_EVIDENCE = 20;
