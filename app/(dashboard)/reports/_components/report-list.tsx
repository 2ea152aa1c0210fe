"use client";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import { problemMessage } from "@/lib/client/problem-text";
import { useDeleteReport, useReports } from "@/lib/client/reports";
import { formatDateTime } from "@/lib/format/dates";
import { Table, Td, Th } from "@/components/ui/table";
import { DualTime } from "@/components/ui/dual-time";
import { QualityBadge } from "@/components/ui/quality-badge";
import { CALL_TYPE_LABELS, lookup } from "@/lib/callrecords/describe";
import { useState } from "react";

export function ReportList() {
  const list = useReports();
  const remove = useDeleteReport();
  const [search, setSearch] = useState("");
  const [copied, setCopied] = useState<string | null>(null);
  async function copy(id: string) {
    try {
      await navigator.clipboard.writeText(`${window.location.origin}/reports/${id}`);
      setCopied(id);
    } catch {
      setCopied(null);
    }
  }
  if (list.isPending) return <p role="status">Loading reports…</p>;
  if (list.isError)
    return <ErrorPanel title="Reports could not be loaded" message={problemMessage(list.error)} />;
  if (list.data.reports.length === 0)
    return <p className="text-muted">No reports yet. Open a call and choose “Create report”.</p>;
  const words = search.trim().toLowerCase();
  const shown = list.data.reports.filter(
    (report) =>
      !words ||
      [report.title, report.callId, report.createdByName, report.note ?? "", report.quality ?? ""].some(
        (text) => text.toLowerCase().includes(words),
      ),
  );
  return (
    <>
      <label className="block max-w-md text-sm font-medium">
        Search reports
        <input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Title, call ID, note, who made it, verdict"
          className="mt-1 block w-full rounded border border-line-strong bg-field px-2 py-1 font-normal"
        />
      </label>
      <p className="text-sm text-muted" data-testid="reports-count">
        {words
          ? `${shown.length} of ${list.data.reports.length} ${list.data.reports.length === 1 ? "report" : "reports"} match`
          : `${list.data.reports.length} ${list.data.reports.length === 1 ? "report" : "reports"}`}
      </p>
      {remove.isError && (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(remove.error)}
        </p>
      )}
      <div className="relative overflow-x-auto">
        <Table data-testid="reports" className="min-w-[52rem]">
          <thead className="text-muted">
            <tr>
              <Th>Title</Th>
              <Th>Call</Th>
              <Th>Verdict</Th>
              <Th>Created</Th>
              <Th>By</Th>
              <Th>Expires</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {shown.map((report) => (
              <tr key={report.id} className="border-t border-line align-top">
                <Td className="py-1 align-top">
                  <Link className="underline" href={`/reports/${report.id}`}>
                    {report.title}
                  </Link>
                  {report.redacted && <span className="ml-2 text-xs">(redacted)</span>}
                </Td>
                <Td className="text-xs" data-testid="report-call">
                  <span className="block text-sm">
                    {report.callType ? (lookup(CALL_TYPE_LABELS, report.callType) ?? "Call") : "Call"}
                  </span>
                  {report.callStart && <DualTime time={report.callStart} seconds={false} />}
                  <Link
                    className="block font-mono underline"
                    href={`/calls/${report.callId}`}
                    title={`Open the live call ${report.callId} (while Graph still keeps it)`}
                  >
                    {report.callId.slice(0, 8)}
                  </Link>
                </Td>
                <Td className="whitespace-nowrap" data-testid="report-verdict">
                  {report.quality ? (
                    <>
                      <QualityBadge quality={report.quality} />
                      {report.poorShare !== null && report.quality !== "unclassified" && (
                        <span className="block text-xs text-muted">
                          {/* As the call's verdict card says it. */}
                          {Math.round(report.poorShare * 100)}% of streams poor
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="text-xs text-muted" title="Reports made before callscope kept verdicts">
                      not kept
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <DualTime time={report.createdAt} seconds={false} />
                </Td>
                <Td>{report.createdByName}</Td>
                <Td className="whitespace-nowrap">
                  {report.expiresAt ? formatDateTime(report.expiresAt, false) : "never"}
                </Td>
                <Td className="whitespace-nowrap">
                  <button type="button" className="mr-3 underline" onClick={() => void copy(report.id)}>
                    {copied === report.id ? "Copied" : "Copy link"}
                  </button>
                  <button
                    type="button"
                    className="text-poor-text underline"
                    onClick={() => remove.mutate(report.id)}
                    aria-label={`Delete report ${report.title}`}
                  >
                    Delete
                  </button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}
