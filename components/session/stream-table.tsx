import type { StreamDetailRow } from "@/lib/callrecords/stream-details";

/** Every metric the streams reported, a column per stream (the direction says who sent it). */
export function StreamTable({ columns, rows }: { columns: string[]; rows: StreamDetailRow[] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">The streams reported no metrics.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="stream-details">
        <caption className="text-left font-medium">
          Streams (caller→callee is the media the caller sent to the callee)
        </caption>
        <thead className="text-slate-600 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-4">Metric</th>
            {columns.map((column, index) => (
              <th key={index} className="px-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-0.5 pr-4 font-normal">
                {row.label}
              </th>
              {row.values.map((value, index) => (
                <td key={index} className="px-2 break-words">
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
