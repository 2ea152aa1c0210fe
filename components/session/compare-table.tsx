import type { ComparisonRow } from "@/lib/callrecords/compare";

export function CompareTable({ title, rows }: { title: string; rows: ComparisonRow[] }) {
  if (rows.length === 0) return null;
  const cell = (row: ComparisonRow, side: "caller" | "callee") =>
    `px-2 py-0.5 ${row.worse === side ? "bg-red-50 font-semibold text-red-900 dark:bg-red-950 dark:text-red-200" : row.differs ? "bg-amber-50 dark:bg-amber-950/40" : ""}`;
  return (
    <table className="w-full text-left text-sm" data-testid={`compare-${title.toLowerCase()}`}>
      <caption className="text-left font-medium">{title}: caller vs callee</caption>
      <thead className="text-slate-600 dark:text-slate-400"><tr><th className="w-1/3 py-1">Property</th><th className="px-2">Caller</th><th className="px-2">Callee</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className="border-t border-slate-100 dark:border-slate-800">
            <th scope="row" className="py-0.5 font-normal">{row.label}</th>
            <td className={cell(row, "caller")}>{row.caller}{row.worse === "caller" && <span className="ml-1 text-xs">▲ worse</span>}</td>
            <td className={cell(row, "callee")}>{row.callee}{row.worse === "callee" && <span className="ml-1 text-xs">▲ worse</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
