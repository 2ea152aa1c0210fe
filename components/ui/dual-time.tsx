import { formatDateTime, formatLocalDateTime } from "@/lib/format/dates";

/**
 * A moment in UTC (what Graph and a support case use) with the reader's own time beside it, so nobody converts
 * in their head. The local part is the browser's: the server's render of it is replaced on hydration.
 */
export function DualTime({ time, seconds = true }: { time: string | number | null; seconds?: boolean }) {
  if (time === null || time === "") return <>—</>;
  const utc = formatDateTime(time, seconds);
  return (
    <>
      {utc}
      <span
        className="block text-xs font-normal text-muted"
        suppressHydrationWarning
        data-testid="local-time"
      >
        {`your time: ${formatLocalDateTime(time)}`}
      </span>
    </>
  );
}
