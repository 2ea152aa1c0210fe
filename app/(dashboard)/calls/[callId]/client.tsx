"use client";
import { useCallRecord } from "@/lib/client/use-call-record";
import { useParticipants } from "@/lib/client/use-participants";
import { CallView } from "@/components/call/call-view";

export function LiveCallView({ callId }: { callId: string }) {
  const query = useCallRecord(callId);
  // After the last page of sessions: participants_v2 draws on the same per-record Graph budget, and the
  // sessions matter more. Until then the people come from the sessions, and the page says so.
  const participants = useParticipants(callId, query.isSuccess && !query.hasNextPage);
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
        participants: participants.data,
        participantsError: participants.error,
      }}
    />
  );
}
