import type { FeedSubscription } from "./model";

/** Graph's longest lifetime for a callRecords subscription. */
export const MAX_LIFETIME_MINUTES = 4230;
export const CALL_RECORDS_RESOURCE = "/communications/callRecords";

export type FeedScope = "all" | "watched";

export interface DesiredSubscriptions {
  resources: string[];
  /** Said on the inbox when the plan is not what the settings ask for. */
  note: string | null;
}

const quoted = (id: string) => `'${id.replace(/'/g, "''")}'`;

/** `participants/any(p:p/id eq '…')` or `… in ('…','…')`: the filter Graph accepts on callRecords subscriptions. */
export function participantResource(ids: readonly string[]): string {
  const clause =
    ids.length === 1 ? `p:p/id eq ${quoted(ids[0] ?? "")}` : `p:p/id in (${ids.map(quoted).join(",")})`;
  return `${CALL_RECORDS_RESOURCE}?$filter=participants/any(${clause})`;
}

/**
 * Which subscriptions callscope should hold: one for every call, or, when only the watch list matters,
 * the watched people split over as few filtered subscriptions as fit Graph's per-tenant cap.
 */
export function desiredSubscriptions(
  scope: FeedScope,
  watched: readonly string[],
  limits: { idsPerSubscription: number; maxSubscriptions: number },
): DesiredSubscriptions {
  if (scope === "all") return { resources: [CALL_RECORDS_RESOURCE], note: null };
  const ids = [...new Set(watched.map((id) => id.toLowerCase()))].sort();
  if (ids.length === 0)
    return { resources: [], note: "The feed follows the watch list only, and the watch list is empty." };
  const needed = Math.ceil(ids.length / limits.idsPerSubscription);
  if (needed > limits.maxSubscriptions)
    return {
      resources: [CALL_RECORDS_RESOURCE],
      note: `The watch list needs ${needed} filtered subscriptions, more than the ${limits.maxSubscriptions} allowed: callscope subscribes to every call instead and marks the watched ones.`,
    };
  const resources: string[] = [];
  for (let i = 0; i < ids.length; i += limits.idsPerSubscription)
    resources.push(participantResource(ids.slice(i, i + limits.idsPerSubscription)));
  return { resources, note: null };
}

export type SubscriptionAction =
  | { kind: "create"; resource: string }
  | { kind: "renew"; subscription: FeedSubscription }
  | { kind: "delete"; subscription: FeedSubscription };

/**
 * What to do so the subscriptions held match the ones wanted: create what is missing, renew what expires
 * within `renewWithinMs`, delete what is no longer wanted (or duplicated). Expired subscriptions are gone
 * at Graph already: they are recreated.
 */
export function planSubscriptions(
  desired: readonly string[],
  held: readonly FeedSubscription[],
  now: number,
  renewWithinMs: number,
): SubscriptionAction[] {
  const actions: SubscriptionAction[] = [];
  const kept = new Set<string>();
  for (const subscription of [...held].sort((a, b) => b.expiresAt - a.expiresAt)) {
    const wanted = desired.includes(subscription.resource) && !kept.has(subscription.resource);
    if (!wanted || subscription.expiresAt <= now) {
      actions.push({ kind: "delete", subscription });
      continue;
    }
    kept.add(subscription.resource);
    if (subscription.expiresAt - now <= renewWithinMs) actions.push({ kind: "renew", subscription });
  }
  for (const resource of desired) if (!kept.has(resource)) actions.push({ kind: "create", resource });
  return actions;
}
