import type { Identity, Participant } from "@/lib/callrecords/model";
import type { CallRoles } from "@/lib/callrecords/person-parts";

/** What Graph says changed: callRecords subscriptions send `created` and `updated`. */
export type ChangeType = "created" | "updated";
export const LIFECYCLE_EVENTS = ["subscriptionRemoved", "missed", "reauthorizationRequired"] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

export interface ChangeNotification {
  subscriptionId: string;
  clientState: string | null;
  tenantId: string | null;
  changeType: ChangeType;
  callId: string;
}

export interface LifecycleNotification {
  subscriptionId: string;
  clientState: string | null;
  tenantId: string | null;
  event: LifecycleEvent;
}

/** One judged call in the inbox: what the list shows without opening the call. */
export interface FeedCall {
  callId: string;
  version: number;
  type: string | null;
  modalities: string[];
  startDateTime: string;
  endDateTime: string;
  quality: "good" | "poor" | "unclassified";
  poorShare: number;
  streams: { total: number; good: number; poor: number; unclassified: number };
  worst: { text: string; metric: string; media: string; direction: string } | null;
  /** Failed sessions beside the quality; absent in rows judged before it was kept. */
  failures?: { failed: number; text: string } | null;
  /** Each person's part; absent in rows judged before it was kept. */
  roles?: CallRoles;
  organizer: Identity | null;
  /** Up to PEOPLE_KEPT people seen in the call; `peopleCount` says how many there were. */
  people: Participant[];
  peopleCount: number;
  sessionsRead: number;
  complete: boolean;
}

/** A row of the inbox: the judged call and when callscope heard of it. */
export interface FeedEntry extends FeedCall {
  notifiedAt: number;
  judgedAt: number;
  source: "notification" | "backfill";
}

/** A subscription callscope holds at Graph. */
export interface FeedSubscription {
  id: string;
  resource: string;
  clientState: string;
  expiresAt: number;
  createdAt: number;
}

export interface WatchedPerson {
  personId: string;
  label: string;
  addedBy: string;
  addedAt: number;
}

export const PEOPLE_KEPT = 50;

/** What the last backfill from Graph's list of call records did. */
export interface BackfillReport {
  from: string;
  to: string;
  listed: number;
  queued: number;
  at: string;
  complete: boolean;
}
