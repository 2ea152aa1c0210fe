import type { StreamDetailRow } from "@/lib/callrecords/stream-details";
import { Table, Th } from "@/components/ui/table";

/** Every metric the streams reported, a column per stream (the direction says who sent it). */
export function StreamTable({ columns, rows }: { columns: string[]; rows: StreamDetailRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted">The streams reported no metrics.</p>;
  return (
    <div className="relative overflow-x-auto">
      <Table data-testid="stream-details">
        <caption className="text-left font-medium">
          Streams, each named by who sent it (measured by whoever received it)
        </caption>
        <thead className="text-muted">
          <tr>
            <Th>Metric</Th>
            {columns.map((column, index) => (
              <th key={index} className="px-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-t border-line-faint">
              <th scope="row" className="py-0.5 pr-4 font-normal">
                {row.label}
              </th>
              {row.values.map((value, index) => (
                <td key={index} className="px-2 wrap-anywhere">
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
