"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { PersonPartSummary } from "@/components/ui/person-part";
import { PART_LABELS, type Part } from "@/lib/callrecords/attribution";
import { roleOf } from "@/lib/callrecords/person-parts";
import { VerdictSummary } from "@/components/ui/verdict-summary";
import { QueryError } from "@/components/ui/query-error";
import { Table, Td, Th } from "@/components/ui/table";
import { CALL_TYPE_LABELS, callDurationMs, formatDuration, lookup } from "@/lib/callrecords/describe";
import { useInbox } from "@/lib/client/feed";
import { inboxFromParams, inboxQuery, isNewToYou, type InboxFilters } from "@/lib/client/inbox-state";
import { usePreviousVisit } from "@/lib/client/use-last-visit";
import { useSignIn } from "@/lib/client/sign-in";
import { describeFeed, type InboxCall } from "@/lib/feed/describe";
import { formatDateTime, formatLocalDateTime } from "@/lib/format/dates";

const TONE = { good: "text-good-fg", warn: "text-warn-fg", neutral: "text-muted" } as const;

const PART_MARKS: Record<Part, string> = {
  impacting: "▲",
  both: "▲▼",
  impacted: "▼",
  unclear: "?",
  fine: "",
};

/** The people, each marked with their part; the one the inbox is filtered to first, with their whole part. */
function People({
  call,
  focus,
  onPerson,
}: {
  call: InboxCall;
  focus: string | null;
  onPerson: (id: string) => void;
}) {
  const shown = call.people.slice(0, 4);
  const focused = focus && call.roles ? roleOf(call.roles, { id: focus, displayName: null }) : null;
  return (
    <span className="text-sm">
      {focused && call.roles && <PersonPartSummary roles={call.roles} part={focused} name="this person" />}
      {shown.map((person, index) => {
        const name = person.identity?.displayName ?? "Unnamed";
        const id = person.identity?.id;
        const part = roleOf(call.roles, {
          id: id ?? null,
          displayName: person.identity?.displayName ?? null,
        });
        const mark = part ? PART_MARKS[part.part] : "";
        return (
          <span key={`${id ?? name}-${index}`} data-testid="inbox-person" data-part={part?.part ?? ""}>
            {index > 0 && ", "}
            {id ? (
              <button
                type="button"
                className="underline-offset-2 hover:underline"
                onClick={() => onPerson(id)}
                title="Only this person's calls"
              >
                {name}
              </button>
            ) : (
              name
            )}
            {mark && part && (
              <span className="ml-0.5 text-xs text-muted" title={PART_LABELS[part.part]}>
                {mark}
                <span className="sr-only"> {PART_LABELS[part.part]}</span>
              </span>
            )}
          </span>
        );
      })}
      {call.peopleCount > shown.length && (
        <span className="text-muted"> +{call.peopleCount - shown.length}</span>
      )}
    </span>
  );
}

/** New calls from Graph's change notifications, judged as they arrive: poor first, live. */
export function Inbox() {
  const { me } = useSignIn();
  const previousVisit = usePreviousVisit("inbox", me ? `${me.tenantId}.${me.username ?? me.name}` : null);
  const router = useRouter();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  // The filters live in the URL (a copied link, Back and a reload show the same inbox); until the router has
  // replaced it, the change just made is shown.
  const [pending, setPending] = useState<{ base: string; filters: InboxFilters } | null>(null);
  const filters = pending?.base === query ? pending.filters : inboxFromParams(new URLSearchParams(query));
  const inbox = useInbox(filters);
  const pages = inbox.data?.pages ?? [];
  const feed = pages[0]?.feed;
  const calls = pages.flatMap((page) => page.calls);
  const status = feed ? describeFeed(feed, inbox.dataUpdatedAt) : null;
  const set = (patch: Partial<InboxFilters>) => {
    const next = { ...filters, ...patch };
    setPending({ base: query, filters: next });
    router.replace(`${pathname}${inboxQuery(next, new URLSearchParams(query))}`, { scroll: false });
  };

  return (
    <section aria-labelledby="inbox-heading" className="space-y-3" data-testid="inbox">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="inbox-heading" className="text-lg font-semibold">
          New calls
        </h2>
        <div className="flex flex-wrap gap-3 text-sm">
          <label className="flex items-center gap-1">
            Order
            <select
              className="rounded border border-line bg-surface px-1"
              value={filters.order}
              onChange={(event) => set({ order: event.target.value as InboxFilters["order"] })}
            >
              <option value="poor">Poor first</option>
              <option value="newest">Newest first</option>
            </select>
          </label>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={filters.poorOnly}
              onChange={(event) => set({ poorOnly: event.target.checked })}
            />
            Poor only
          </label>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={filters.watchedOnly}
              onChange={(event) => set({ watchedOnly: event.target.checked })}
            />
            Watch list only
          </label>
        </div>
      </div>
      {status && (
        <p className={`text-sm ${TONE[status.tone]}`} data-testid="feed-status" aria-live="polite">
          {status.text}
        </p>
      )}
      {filters.person && (
        <p className="text-sm">
          Only calls with one person.{" "}
          <button type="button" className="font-medium underline" onClick={() => set({ person: null })}>
            Show everyone
          </button>
        </p>
      )}
      {inbox.isError && !inbox.data ? (
        <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.isPending ? (
        <p className="text-sm text-muted">Loading the inbox…</p>
      ) : calls.length === 0 ? (
        <p className="rounded-lg border border-line bg-surface p-4 text-sm" data-testid="inbox-empty">
          {feed?.on
            ? "No calls yet. Graph publishes a call's record 30 to 150 minutes after it ends; new ones appear here by themselves."
            : "No calls: the live feed is off."}
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-line bg-surface p-2">
          <Table data-testid="inbox-calls">
            <caption className="sr-only">
              New calls, {filters.order === "poor" ? "poor first, then newest" : "newest first"}
            </caption>
            <thead className="text-muted">
              <tr>
                <Th>Started</Th>
                <Th>Verdict</Th>
                <Th>Type</Th>
                <Th>People</Th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr
                  key={call.callId}
                  className="border-t border-line align-top"
                  data-testid="inbox-row"
                  data-call-id={call.callId}
                  data-quality={call.quality}
                >
                  <Td className="whitespace-nowrap py-1">
                    <Link
                      href={`/calls/${call.callId}`}
                      className="font-medium underline-offset-2 hover:underline"
                    >
                      <span suppressHydrationWarning>{formatLocalDateTime(call.startDateTime)}</span>
                    </Link>
                    {isNewToYou(call.judgedAt, previousVisit, inbox.dataUpdatedAt) && (
                      <Badge tone="new" className="ml-1">
                        New
                      </Badge>
                    )}
                    <span className="block text-xs text-muted">
                      {formatDateTime(call.startDateTime, false)} · {formatDuration(callDurationMs(call))}
                    </span>
                  </Td>
                  <Td className="py-1">
                    <VerdictSummary summary={call} />
                  </Td>
                  <Td className="py-1 text-sm">
                    {lookup(CALL_TYPE_LABELS, call.type) ?? call.type ?? "Unknown"}
                    {call.version > 1 && (
                      <span className="block text-xs text-muted">version {call.version}</span>
                    )}
                  </Td>
                  <Td className="py-1">
                    {call.watched && (
                      <span data-testid="watched-badge">
                        <Badge tone="warn" className="mr-1">
                          ★ Watched
                          {call.watchedPeople.length > 0
                            ? `: ${call.watchedPeople.filter(Boolean).join(", ")}`
                            : ""}
                        </Badge>
                      </span>
                    )}
                    <People call={call} focus={filters.person} onPerson={(id) => set({ person: id })} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-1 text-xs text-muted">
            New: judged since your last visit to this page (in this browser). Beside a name: ▲ impacting
            (their side is where poor streams start), ▼ impacted (received poor streams they did not cause), ?
            poor with the cause unclear — from each call&apos;s own judgement.
          </p>
          {inbox.hasNextPage && (
            <button
              type="button"
              className="mt-2 text-sm font-medium underline"
              disabled={inbox.isFetchingNextPage}
              onClick={() => void inbox.fetchNextPage()}
            >
              {inbox.isFetchingNextPage ? "Loading…" : "Older calls"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
