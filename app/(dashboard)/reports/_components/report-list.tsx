"use client";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import { problemMessage } from "@/lib/client/problem-text";
import { useDeleteReport, useReports } from "@/lib/client/reports";
import { formatDay } from "@/lib/format/dates";

export function ReportList() {
  const list = useReports();
  const remove = useDeleteReport();
  if (list.isPending) return <p role="status">Loading reports…</p>;
  if (list.isError)
    return <ErrorPanel title="Reports could not be loaded" message={problemMessage(list.error)} />;
  if (list.data.reports.length === 0)
    return (
      <p className="text-slate-600 dark:text-slate-400">
        No reports yet. Open a call and choose “Create report”.
      </p>
    );
  return (
    <>
      {remove.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problemMessage(remove.error)}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="reports">
        <thead className="text-slate-600 dark:text-slate-400">
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
            <tr key={report.id} className="border-t border-slate-200 dark:border-slate-800">
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
                  className="text-red-700 underline dark:text-red-400"
                  onClick={() => remove.mutate(report.id)}
                  aria-label={`Delete report ${report.title}`}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
