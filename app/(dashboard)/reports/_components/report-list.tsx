"use client";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import { problemMessage } from "@/lib/client/problem-text";
import { useDeleteReport, useReports } from "@/lib/client/reports";
import { formatDateTime, formatDay } from "@/lib/format/dates";
import { Table } from "@/components/ui/table";
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
      [report.title, report.callId, report.createdByName, report.note ?? ""].some((text) =>
        text.toLowerCase().includes(words),
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
          placeholder="Title, call ID, note or who made it"
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
        <Table data-testid="reports" className="min-w-[44rem]">
          <thead className="text-muted">
            <tr>
              <th className="py-1">Title</th>
              <th>Call</th>
              <th>Created</th>
              <th>By</th>
              <th>Expires</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((report) => (
              <tr key={report.id} className="border-t border-line">
                <td className="py-1">
                  <Link className="underline" href={`/reports/${report.id}`}>
                    {report.title}
                  </Link>
                  {report.redacted && <span className="ml-2 text-xs">(redacted)</span>}
                </td>
                <td className="font-mono text-xs">
                  <Link className="underline" href={`/calls/${report.callId}`} title={report.callId}>
                    {report.callId.slice(0, 8)}
                  </Link>
                </td>
                <td className="whitespace-nowrap">{formatDateTime(report.createdAt, false)}</td>
                <td>{report.createdByName}</td>
                <td className="whitespace-nowrap">
                  {report.expiresAt ? formatDay(report.expiresAt) : "never"}
                </td>
                <td className="whitespace-nowrap">
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
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}
