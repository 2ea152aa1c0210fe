import { isGuid } from "@/lib/format/guid";
import {
  LIFECYCLE_EVENTS,
  type ChangeNotification,
  type LifecycleEvent,
  type LifecycleNotification,
} from "./model";

/** Graph batches notifications; more than this in one POST is not Graph. */
export const MAX_BATCH = 1000;

export type ParsedCollection =
  | { ok: true; changes: ChangeNotification[]; lifecycle: LifecycleNotification[] }
  | { ok: false; problem: string };

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** The call ID a change notification names: `resourceData.id`, else the last segment of `resource`. */
function callIdOf(item: Record<string, unknown>): string | null {
  const data = item.resourceData;
  const fromData = data && typeof data === "object" ? text((data as Record<string, unknown>).id) : null;
  const resource = text(item.resource);
  const fromResource = resource
    ? (/^\/?communications\/callRecords\/([^/?#]+)$/i.exec(resource)?.[1] ?? null)
    : null;
  const id = (fromData ?? fromResource)?.toLowerCase() ?? null;
  if (fromData && fromResource && fromData.toLowerCase() !== fromResource.toLowerCase()) return null;
  return id && isGuid(id) ? id : null;
}

/**
 * A changeNotificationCollection as Graph posts it (see the "Get change notifications for Microsoft Teams
 * call records" and lifecycle notifications pages): `value` holds change notifications (`changeType`,
 * `resource`, `resourceData`) and lifecycle notifications (`lifecycleEvent`). Anything else is refused whole:
 * Graph never sends it, so it is broken or forged.
 */
export function parseNotificationCollection(body: unknown): ParsedCollection {
  if (!body || typeof body !== "object" || !Array.isArray((body as { value?: unknown }).value))
    return { ok: false, problem: "The body must be a JSON object with a `value` array of notifications." };
  const items = (body as { value: unknown[] }).value;
  if (items.length === 0 || items.length > MAX_BATCH)
    return { ok: false, problem: `\`value\` must hold 1 to ${MAX_BATCH} notifications.` };
  const changes: ChangeNotification[] = [];
  const lifecycle: LifecycleNotification[] = [];
  for (const [index, raw] of items.entries()) {
    if (!raw || typeof raw !== "object")
      return { ok: false, problem: `Notification ${index} is not an object.` };
    const item = raw as Record<string, unknown>;
    const subscriptionId = text(item.subscriptionId);
    if (!subscriptionId || subscriptionId.length > 100)
      return { ok: false, problem: `Notification ${index} has no subscriptionId.` };
    const common = {
      subscriptionId,
      clientState: text(item.clientState),
      tenantId: text(item.tenantId)?.toLowerCase() ?? null,
    };
    const event = text(item.lifecycleEvent);
    if (event !== null) {
      if (!(LIFECYCLE_EVENTS as readonly string[]).includes(event))
        return { ok: false, problem: `Notification ${index} has an unknown lifecycleEvent.` };
      lifecycle.push({ ...common, event: event as LifecycleEvent });
      continue;
    }
    const changeType = text(item.changeType);
    if (changeType !== "created" && changeType !== "updated")
      return { ok: false, problem: `Notification ${index}: changeType must be created or updated.` };
    const callId = callIdOf(item);
    if (!callId) return { ok: false, problem: `Notification ${index} does not name a call record.` };
    changes.push({ ...common, changeType, callId });
  }
  return { ok: true, changes, lifecycle };
}
