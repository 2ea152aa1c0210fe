"use client";
import { useReport } from "@/lib/client/reports";
import { CallView } from "@/components/call/call-view";
import { formatDateTime } from "@/lib/format/dates";

export function ReportView({ reportId }: { reportId: string }) {
  const query = useReport(reportId);
  const report = query.data?.report;
  const banner = report && (
    <div
      role="note"
      className="rounded-lg border border-info-line bg-selected p-3 text-sm text-info-fg"
      data-testid="report-banner"
    >
      <p className="font-semibold">{report.title}</p>
      <p>
        Snapshot of call <span className="font-mono">{report.callId}</span> taken{" "}
        {formatDateTime(report.createdAt, false)} by {report.createdByName}
        {report.redacted ? " · personal data redacted" : ""}
        {report.expiresAt
          ? ` · kept until ${formatDateTime(report.expiresAt, false)}`
          : " · kept until deleted"}
        . It does not change when Graph does, and outlives Graph&apos;s 30 days.
      </p>
      {report.note && <p className="mt-1 italic">{report.note}</p>}
    </div>
  );
  return (
    <CallView
      reportId={reportId}
      banner={banner}
      data={{
        callId: report?.callId ?? reportId,
        pages: query.data ? [query.data] : undefined,
        isPending: query.isPending,
        error: query.error,
        hasNextPage: false,
        isFetchNextPageError: false,
        resumeAt: null,
        fetchNextPage: () => undefined,
        refetch: () => void query.refetch(),
        participants: query.data?.participants,
        participantsError: null,
      }}
    />
  );
}
