// What the call page and its analysis worker (analysis-worker.ts) say to each other.
import type { CallVerdict, ParticipantImpact } from "@/lib/callrecords/analysis";
import type { Finding } from "@/lib/callrecords/findings/types";
import type { Session } from "@/lib/callrecords/model";
import type { CallStory } from "@/lib/callrecords/story";
import type { Site } from "@/lib/sites/building-file";

export type ToWorker =
  /**
   * A page's sessions, once per page, under a number of the page's own: the bytes of the page's JSON as the API
   * sent them where the page still has them (moved to the worker, not cloned object by object on the page's
   * thread), else the objects.
   */
  | { type: "page"; seq: number; sessions: Session[] }
  | { type: "page"; seq: number; json: ArrayBuffer }
  /** Analyse these pages, in this order (pages not named are forgotten). */
  | { type: "analyze"; id: number; seqs: number[]; callType: string | null; sites: Site[] | null };

/** A person's impact without their endpoint: the page has the endpoint already (by key), and it is most of the bytes. */
export type SlimImpact = Omit<ParticipantImpact, "endpoint">;

/**
 * An analysis comes back in parts, each its own message, so that no single message takes the page long to read:
 * the verdict and story first, then the findings and the people in slices, then `done`.
 */
export type FromWorker =
  | { type: "head"; id: number; verdict: CallVerdict; story: CallStory }
  | { type: "findings"; id: number; findings: Finding[] }
  | { type: "impacts"; id: number; impacts: SlimImpact[] }
  | { type: "done"; id: number }
  | { type: "error"; id: number; message: string };

/** Slices of the lists in the worker's answer. */
export const FINDINGS_PER_MESSAGE = 200;
export const IMPACTS_PER_MESSAGE = 500;
