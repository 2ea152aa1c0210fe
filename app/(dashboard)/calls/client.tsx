"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { sameMeeting } from "@/lib/callrecords/join-link";
import { QueryError } from "@/components/ui/query-error";
import { ApiProblem } from "@/lib/client/api";
import { SearchProgress } from "@/components/ui/search-progress";
import { useCallSearch } from "@/lib/client/search";
import { callSearchHref, parseCallSearch } from "@/lib/client/search-state";
import { formatDateTime, formatLocalDateTime } from "@/lib/format/dates";
import type { DemoPerson } from "@/lib/demo/people";
import { CallResults } from "./_components/call-results";
import { CallSearchForm } from "./_components/call-search-form";
import { formatCount } from "@/lib/format/numbers";

export function CallSearchView({ suggestions }: { suggestions: readonly DemoPerson[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const search = useMemo(() => parseCallSearch(new URLSearchParams(params.toString())), [params]);
  const result = useCallSearch(search);
  const window = result.first?.window;
  const person = result.first?.person;
  // From a pasted join link: only that meeting's records; one found once every page is read opens at once.
  const join = search?.join ?? null;
  const meetings = useMemo(
    () => (join ? result.calls.filter((call) => sameMeeting(call.joinWebUrl, join)) : null),
    [join, result.calls],
  );
  const searchDone = Boolean(result.data) && !result.hasNextPage && !result.isFetchNextPageError;
  const only = searchDone && meetings?.length === 1 ? meetings[0] : undefined;
  useEffect(() => {
    if (only) router.replace(`/calls/${only.id}`);
  }, [only, router]);

  return (
    <div className="space-y-4">
      <CallSearchForm
        key={params.toString()}
        search={search}
        suggestions={suggestions}
        onSearch={(next) => router.push(callSearchHref(next))}
      />
      {search && result.isPending && (
        <p role="status" className="text-sm text-muted">
          Looking up {search.participant}…
          {result.failureReason instanceof ApiProblem && ` ${result.failureReason.message}`}
        </p>
      )}
      {result.isError && !result.data && (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      )}
      {search && result.data && window && (
        <>
          <p className="text-sm" data-testid="search-window">
            Calls of <strong>{person?.displayName ?? person?.userPrincipalName ?? search.participant}</strong>{" "}
            that started between <span suppressHydrationWarning>{formatLocalDateTime(window.from)}</span> and{" "}
            <span suppressHydrationWarning>{formatLocalDateTime(window.to)}</span>{" "}
            <span className="text-muted">
              ({formatDateTime(window.from, false)} – {formatDateTime(window.to, false)})
            </span>
            .
          </p>
          {window.gone && (
            <p
              role="status"
              className="rounded border border-warn-line bg-warn-soft p-2 text-sm text-warn-fg"
              data-testid="retention-notice"
            >
              Calls between {formatDateTime(window.gone.from, false)} and{" "}
              {formatDateTime(window.gone.to, false)} are not searched: Graph deletes call records 30 days
              after the call. Only saved snapshots keep older calls.
            </p>
          )}
          <SearchProgress
            summary={`${formatCount(result.read)} ${result.read === 1 ? "call" : "calls"} read`}
            loading={result.hasNextPage}
            pages={result.data.pages.length}
            error={result.isFetchNextPageError ? result.error : null}
            resumeAt={result.resumeAt}
            onResume={() => void result.fetchNextPage()}
          />
          {result.unreadable > 0 && (
            <p role="status" className="text-sm text-warn-fg">
              {result.unreadable} {result.unreadable === 1 ? "record" : "records"} in Graph&apos;s answer
              could not be read and
              {result.unreadable === 1 ? " is" : " are"} not listed.
            </p>
          )}
          {join && (
            <p
              role="status"
              className="rounded border border-line bg-surface p-2 text-sm"
              data-testid="join-search"
            >
              {!searchDone
                ? "Looking for the meeting of the pasted join link among its organizer's calls of the last 30 days…"
                : meetings?.length === 0
                  ? "No call record of this meeting in the last 30 days: records appear 30 to 150 minutes after a meeting ends, and a meeting organized in another tenant is not in this one's records."
                  : meetings?.length === 1
                    ? "Found the meeting: opening it…"
                    : `${meetings?.length} records of this meeting (it met more than once): pick one.`}
            </p>
          )}
          <CallResults
            calls={meetings ?? result.calls}
            filtered={(meetings ?? result.calls).length !== result.read}
            person={person ?? null}
          />
        </>
      )}
    </div>
  );
}
