"use client";
import { useId } from "react";

const field = "mt-1 block w-full rounded-md border border-line-strong bg-surface px-3 py-2 text-sm";

/** A search's time window in the browser's zone (`datetime-local` values); empty ends take the server's default. */
export function WindowFields({
  from,
  to,
  onFrom,
  onTo,
}: {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  const ids = { from: useId(), to: useId() };
  return (
    <>
      <label htmlFor={ids.from} className="text-sm font-medium">
        From <span className="font-normal text-muted">(your time zone)</span>
        <input
          id={ids.from}
          name="from"
          type="datetime-local"
          value={from}
          onChange={(event) => onFrom(event.target.value)}
          className={field}
        />
      </label>
      <label htmlFor={ids.to} className="text-sm font-medium">
        To <span className="font-normal text-muted">(empty: now)</span>
        <input
          id={ids.to}
          name="to"
          type="datetime-local"
          value={to}
          onChange={(event) => onTo(event.target.value)}
          className={field}
        />
      </label>
    </>
  );
}
