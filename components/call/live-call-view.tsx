"use client";
import { useCallRecord } from "@/lib/client/use-call-record";
import { CallView } from "./call-view";

export function LiveCallView({ callId }: { callId: string }) {
  const query = useCallRecord(callId);
  return (
    <CallView
      data={{
        callId,
        pages: query.data?.pages,
        isPending: query.isPending,
        error: query.error,
        hasNextPage: query.hasNextPage,
        isFetchNextPageError: query.isFetchNextPageError,
        resumeAt: query.resumeAt,
        fetchNextPage: () => void query.fetchNextPage(),
        refetch: () => void query.refetch(),
      }}
    />
  );
}
