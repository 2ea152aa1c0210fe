"use client";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import { problemMessage } from "@/lib/client/problem-text";
import { useDeleteReport, useReports } from "@/lib/client/reports";
import { formatDay } from "@/lib/format/dates";
import { Table } from "@/components/ui/table";

export function ReportList() {
  const list = useReports();
  const remove = useDeleteReport();
  if (list.isPending) return <p role="status">Loading reports…</p>;
  if (list.isError)
    return <ErrorPanel title="Reports could not be loaded" message={problemMessage(list.error)} />;
  if (list.data.reports.length === 0)
    return <p className="text-muted">No reports yet. Open a call and choose “Create report”.</p>;
  return (
    <>
      {remove.isError && (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(remove.error)}
        </p>
      )}
      <Table data-testid="reports">
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
          {list.data.reports.map((report) => (
            <tr key={report.id} className="border-t border-line">
              <td className="py-1">
                <Link className="underline" href={`/reports/${report.id}`}>
                  {report.title}
                </Link>
                {report.redacted && <span className="ml-2 text-xs">(redacted)</span>}
              </td>
              <td className="font-mono text-xs">{report.callId.slice(0, 8)}</td>
              <td>{formatDay(report.createdAt)}</td>
              <td>{report.createdByName}</td>
              <td>{report.expiresAt ? formatDay(report.expiresAt) : "never"}</td>
              <td>
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
    </>
  );
}
