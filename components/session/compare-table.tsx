import type { ComparisonRow } from "@/lib/callrecords/compare";

export function CompareTable({
  title,
  rows,
  testId,
  names = { caller: "Caller", callee: "Callee" },
}: {
  title: string;
  rows: ComparisonRow[];
  testId?: string;
  /** Column headings: "Caller"/"Callee", or the two people's names. */
  names?: { caller: string; callee: string };
}) {
  if (rows.length === 0) return null;
  // Only what matters is coloured: a value over its limit, or one meaningfully worse (difference-rules.ts). A
  // value that merely differs (another Wi-Fi channel, another driver) stays plain, so the real ones stand out.
  const cell = (row: ComparisonRow, side: "caller" | "callee") =>
    `px-2 py-0.5 wrap-anywhere ${row.breach.includes(side) || row.worse === side ? "bg-danger-soft font-semibold text-poor-fg" : ""}`;
  const mark = (row: ComparisonRow, side: "caller" | "callee") =>
    row.breach.includes(side) ? (
      <span className="ml-1 text-xs" title={row.limit ?? undefined}>
        ⚠ over the limit
      </span>
    ) : row.worse === side ? (
      <span className="ml-1 text-xs" title={row.rule ?? undefined}>
        ▲ worse
      </span>
    ) : null;
  const rules = [
    ...new Set(rows.filter((row) => row.worse && row.rule).map((row) => `${row.label}: ${row.rule}`)),
  ];
  const limits = [
    ...new Set(
      rows.filter((row) => row.breach.length > 0 && row.limit).map((row) => `${row.label}: ${row.limit}`),
    ),
  ];
  return (
    <div className="relative overflow-x-auto">
      <table
        className="w-full table-fixed text-left text-sm"
        data-testid={testId ?? `compare-${title.toLowerCase()}`}
      >
        <caption className="text-left font-medium">
          {title}: <bdi>{names.caller}</bdi> vs <bdi>{names.callee}</bdi>
        </caption>
        <thead className="text-muted">
          <tr>
            <th className="w-1/3 py-1">Property</th>
            <th className="px-2 wrap-anywhere">
              <bdi>{names.caller}</bdi>
            </th>
            <th className="px-2 wrap-anywhere">
              <bdi>{names.callee}</bdi>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-t border-line-faint">
              <th scope="row" className="py-0.5 font-normal">
                {row.label}
              </th>
              <td className={cell(row, "caller")}>
                <bdi>{row.caller}</bdi>
                {mark(row, "caller")}
              </td>
              <td className={cell(row, "callee")}>
                <bdi>{row.callee}</bdi>
                {mark(row, "callee")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {limits.length > 0 && <p className="mt-1 text-xs text-poor-text">{limits.join(" · ")}</p>}
      {rules.length > 0 && <p className="mt-1 text-xs text-muted">Marked worse when {rules.join(" · ")}.</p>}
    </div>
  );
}
