"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { PhoneLogTable } from "@/components/phone/phone-log-table";
import { QueryError } from "@/components/ui/query-error";
import { ApiProblem } from "@/lib/client/api";
import { SearchProgress } from "@/components/ui/search-progress";
import { usePhoneLogSearch } from "@/lib/client/search";
import { parsePhoneLogSearch, phoneLogHref } from "@/lib/client/search-state";
import { formatDateTime } from "@/lib/format/dates";
import { PhoneLogForm } from "./_components/phone-log-form";
import { formatCount } from "@/lib/format/numbers";

export function PhoneLogView() {
  const router = useRouter();
  const params = useSearchParams();
  const search = useMemo(() => parsePhoneLogSearch(new URLSearchParams(params.toString())), [params]);
  const result = usePhoneLogSearch(search);
  const window = result.first?.window;

  return (
    <div className="space-y-4">
      <PhoneLogForm
        key={params.toString()}
        search={search}
        onSearch={(next) => router.push(phoneLogHref(next))}
      />
      {search && result.isPending && (
        <p role="status" className="text-sm text-muted">
          Reading the log…
          {result.failureReason instanceof ApiProblem && ` ${result.failureReason.message}`}
        </p>
      )}
      {result.isError && !result.data && (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      )}
      {search && result.data && window && (
        <>
          <p className="text-sm" data-testid="search-window">
            Calls that started between {formatDateTime(window.from, false)} and{" "}
            {formatDateTime(window.to, false)}
            {search.failedOnly ? ", failed only" : ""}
            {result.first?.person
              ? `, for ${result.first.person.displayName ?? result.first.person.userPrincipalName ?? search.participant}`
              : ""}
            .
          </p>
          <SearchProgress
            summary={`${formatCount(result.scanned)} log rows read, ${formatCount(result.records.length)} shown`}
            loading={result.hasNextPage}
            pages={result.data.pages.length}
            error={result.isFetchNextPageError ? result.error : null}
            resumeAt={result.resumeAt}
            onResume={() => void result.fetchNextPage()}
          />
          {result.records.length > 0 ? (
            <div className="rounded-lg border border-line bg-surface p-2">
              <PhoneLogTable rows={result.records} caption="Phone log rows, newest first" />
            </div>
          ) : (
            <p className="rounded-lg border border-line bg-surface p-4 text-sm" data-testid="no-rows">
              No rows {result.hasNextPage ? "yet" : "match"}. Widen the window, or check the person and the
              log.
            </p>
          )}
        </>
      )}
    </div>
  );
}
