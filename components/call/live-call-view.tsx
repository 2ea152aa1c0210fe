"use client";
import { useCallRecord } from "@/lib/client/use-call-record";
import { useParticipants } from "@/lib/client/use-participants";
import { CallView } from "./call-view";

export function LiveCallView({ callId }: { callId: string }) {
  const query = useCallRecord(callId);
  // After the record, so both do not race for Graph's per-record budget of first pages.
  const participants = useParticipants(callId, query.isSuccess);
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
