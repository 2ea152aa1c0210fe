import "server-only";
import { z } from "zod";
import { createSealer, type Sealer } from "@/lib/security/sealed";
import { ApiError } from "@/lib/api/errors";
import { requireInvestigator, type Principal } from "@/lib/auth/roles";
import { rolesInView } from "@/lib/callrecords/person-parts";
import type { View } from "@/lib/callrecords/view";
import { isGuid } from "@/lib/format/guid";
import type { SearchPerson } from "@/lib/api/person";
import type { FeedScope } from "./plan";
import type { FeedStore } from "./store";

export const PAGE_SIZE = 50;
const LABEL_MAX = 120;

export interface InboxQuery {
  poorOnly: boolean;
  order: "poor" | "newest";
  watchedOnly: boolean;
  person: string | null;
  cursor: string | null;
}

const flag = (value: string | null) => value === "1" || value === "true";

/** The inbox's filters from a query string; anything unknown is an error, not ignored. */
export function parseInboxQuery(params: URLSearchParams): InboxQuery {
  const order = params.get("order") ?? "poor";
  if (order !== "poor" && order !== "newest")
    throw new ApiError(
      400,
      "invalid_parameter",
      "order must be poor (poor calls first, then newest) or newest.",
    );
  const person = params.get("person");
  if (person !== null && !isGuid(person))
    throw new ApiError(400, "invalid_parameter", "person must be an Entra object ID (a GUID).");
  return {
    poorOnly: flag(params.get("poor")),
    order,
    watchedOnly: flag(params.get("watched")),
    person: person?.toLowerCase() ?? null,
    cursor: params.get("cursor"),
  };
}

/** Where a page of the inbox ends, and the order and filters it was read in (a cursor is good for those only). */
const inboxCursorSchema = z.object({
  order: z.enum(["poor", "newest"]),
  poorOnly: z.boolean(),
  people: z.string().max(64),
  poor: z.union([z.literal(0), z.literal(1)]),
  start: z.number(),
  callId: z.string().refine(isGuid),
});

type InboxCursor = z.infer<typeof inboxCursorSchema>;

/** The inbox's page links: sealed like every cursor, so they cannot be read, forged or moved to another filter. */
export const createInboxSealer = (secret: string | undefined): Sealer<InboxCursor> =>
  createSealer(secret, "inbox-cursor-v1", inboxCursorSchema);

const invalidCursor = () =>
  new ApiError(
    400,
    "invalid_cursor",
    "This page link of the inbox is invalid or expired. Reload the inbox to start again.",
  );

/** Which people a page was narrowed to, for the cursor (a person's ID, "watched" or "all"). */
const peopleKey = (query: InboxQuery) => query.person ?? (query.watchedOnly ? "watched" : "all");

export interface InboxOptions {
  store: FeedStore;
  tenantId: string;
  cursors: Sealer<InboxCursor>;
  /** Null when the feed is off (no CALLSCOPE_PUBLIC_URL). */
  feed: { scope: FeedScope; publicUrl: string } | null;
  maxWatched: number;
  resolvePerson: (input: string) => Promise<SearchPerson>;
  /** A person's directory name, for a label when only an object ID was given (null when unknown). */
  nameOf?: (objectId: string) => Promise<string | null>;
  /** The watch list changed: filtered subscriptions follow it without waiting for the renewer's next round. */
  onWatchListChanged?: () => void;
  now?: () => number;
}

/** The inbox of new calls and the watch list behind it. */
export function createInbox(options: InboxOptions) {
  const now = options.now ?? Date.now;

  async function openCursor(query: InboxQuery) {
    const cursor = query.cursor ? await options.cursors.open(query.cursor) : undefined;
    if (
      !cursor ||
      cursor.order !== query.order ||
      cursor.poorOnly !== query.poorOnly ||
      cursor.people !== peopleKey(query)
    )
      throw invalidCursor();
    return cursor;
  }

  async function status() {
    const [queue, state, subscriptions, watched, gaveUp] = await Promise.all([
      options.store.queueStats(options.tenantId),
      options.store.state(options.tenantId),
      options.store.subscriptions(options.tenantId),
      options.store.watchList(options.tenantId),
      options.store.droppedSince(options.tenantId, Date.now() - 24 * 3_600_000),
    ]);
    return {
      on: options.feed !== null,
      scope: options.feed?.scope ?? null,
      subscriptions: subscriptions.map((subscription) => ({
        expiresAt: new Date(subscription.expiresAt).toISOString(),
        filtered: subscription.resource.includes("$filter"),
      })),
      pending: queue.pending,
      oldestPendingAt: queue.oldest === null ? null : new Date(queue.oldest).toISOString(),
      aliveAt: state.aliveAt === null ? null : new Date(state.aliveAt).toISOString(),
      lastBackfill: state.lastBackfill,
      problem: state.lastError,
      watched: watched.length,
      gaveUp,
    };
  }

  return {
    /** A page of judged calls, newest first or poor first, filtered; people masked for Readers. */
    async page(query: InboxQuery, view: View): Promise<string> {
      const watchList = await options.store.watchList(options.tenantId);
      const watchedIds = new Set(watchList.map((person) => person.personId));
      const people = query.person ? [query.person] : query.watchedOnly ? [...watchedIds] : null;
      const rows = await options.store.page(options.tenantId, {
        poorOnly: query.poorOnly,
        order: query.order,
        people,
        after: query.cursor ? await openCursor(query) : null,
        limit: PAGE_SIZE + 1,
      });
      const shown = rows.slice(0, PAGE_SIZE);
      const calls = shown.map((entry) => {
        const watched = entry.people.filter(
          (person) => person.identity?.id && watchedIds.has(person.identity.id.toLowerCase()),
        );
        const organizer = entry.organizer
          ? (view.participants([
              { id: entry.organizer.id, identity: entry.organizer, administrativeUnitIds: [] },
            ])[0]?.identity ?? null)
          : null;
        return {
          ...entry,
          organizer,
          people: view.participants(entry.people),
          ...(entry.roles ? { roles: rolesInView(entry.roles, view) } : {}),
          watched: watched.length > 0,
          watchedPeople: view.participants(watched).map((person) => person.identity?.displayName ?? null),
        };
      });
      const last = shown.at(-1);
      return JSON.stringify({
        feed: await status(),
        calls,
        nextCursor:
          rows.length > PAGE_SIZE && last
            ? await options.cursors.seal({
                order: query.order,
                poorOnly: query.poorOnly,
                people: peopleKey(query),
                poor: last.quality === "poor" ? 1 : 0,
                start: Date.parse(last.startDateTime) || 0,
                callId: last.callId,
              })
            : null,
      });
    },

    status,

    /** Names and object IDs: personal data, so Investigators only. */
    async watchList(principal: Principal) {
      requireInvestigator(principal, "see the watch list");
      return options.store.watchList(options.tenantId);
    },

    async watch(principal: Principal, body: unknown) {
      requireInvestigator(principal, "change the watch list");
      const input = body && typeof body === "object" ? (body as { person?: unknown; label?: unknown }) : {};
      if (typeof input.person !== "string" || input.person.trim() === "")
        throw new ApiError(
          400,
          "invalid_parameter",
          "Send { person, label? }: person is an object ID or a sign-in name.",
        );
      if (input.label !== undefined && (typeof input.label !== "string" || input.label.length > LABEL_MAX))
        throw new ApiError(
          400,
          "invalid_parameter",
          `label must be text of at most ${LABEL_MAX} characters.`,
        );
      const person = await options.resolvePerson(input.person);
      if (person.kind !== "user")
        throw new ApiError(
          400,
          "invalid_participant",
          "The watch list takes people and rooms (object IDs or sign-in names), not phone numbers.",
        );
      const label =
        (typeof input.label === "string" && input.label.trim()) ||
        person.displayName ||
        person.userPrincipalName ||
        (await options.nameOf?.(person.id)) ||
        person.id;
      const added = await options.store.watch(
        options.tenantId,
        { personId: person.id, label: label.slice(0, LABEL_MAX), addedBy: principal.name, addedAt: now() },
        options.maxWatched,
      );
      if (!added)
        throw new ApiError(
          409,
          "watch_list_full",
          `The watch list holds at most ${options.maxWatched} people. Remove someone first.`,
        );
      options.onWatchListChanged?.();
      return options.store.watchList(options.tenantId);
    },

    async unwatch(principal: Principal, personId: string) {
      requireInvestigator(principal, "change the watch list");
      if (!isGuid(personId))
        throw new ApiError(400, "invalid_parameter", "Give the person's object ID (a GUID).");
      if (!(await options.store.unwatch(options.tenantId, personId.toLowerCase())))
        throw new ApiError(404, "not_watched", "This person is not on the watch list.");
      options.onWatchListChanged?.();
      return options.store.watchList(options.tenantId);
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
