// What a rule reads, built from sessions the way the call view builds it.
import type { Session } from "../model";
import { callStory } from "../story";
import { streamRows } from "../streams";
import { DEFAULT_THRESHOLDS } from "../thresholds";
import type { FindingInput } from "./types";

export function findingInput(sessions: Session[]): FindingInput {
  const rows = streamRows(sessions, DEFAULT_THRESHOLDS);
  return { sessions, rows, story: callStory(sessions, rows), table: DEFAULT_THRESHOLDS };
}
