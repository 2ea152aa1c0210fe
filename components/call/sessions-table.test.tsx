// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { summarizeSession } from "@/lib/callrecords/analysis";
import { media, person, session, stream } from "@/lib/callrecords/fixtures";
import { NO_FILTERS, type SessionFilters, type SessionSortKey } from "@/lib/callrecords/session-filter";
import { mockVirtualizer } from "@/lib/testing/dom";

const audio = (jitter: number) => [
  media("audio", [stream({ averageJitterMs: jitter, packetUtilization: 900 })]),
];
const summaries = [
  session("a", person("Ada"), person("Bo"), audio(5), {
    startDateTime: "2026-11-20T10:00:00Z",
    endDateTime: "2026-11-20T10:10:00Z",
  }),
  session("b", person("Cy"), person("Di"), audio(80), {
    startDateTime: "2026-11-20T10:05:00Z",
    endDateTime: "2026-11-20T10:45:00Z",
  }),
  session("c", person("Eve"), person("Fay"), audio(7), {
    startDateTime: "2026-11-20T10:02:00Z",
    endDateTime: "2026-11-20T10:20:00Z",
  }),
].map((s) => summarizeSession(s));

let SessionsTable: typeof import("./sessions-table").SessionsTable;
beforeAll(async () => {
  mockVirtualizer();
  ({ SessionsTable } = await import("./sessions-table"));
});
afterEach(cleanup);

/** The table is controlled: this holds its filters and sort the way the URL does in the app. */
function Harness({ onSelect = () => undefined }: { onSelect?: (id: string) => void }) {
  const [filters, setFilters] = useState<SessionFilters>(NO_FILTERS);
  const [sort, setSort] = useState<{ key: SessionSortKey; descending: boolean }>({
    key: "start",
    descending: false,
  });
  return (
    <SessionsTable
      cause={null}
      causeMissing={false}
      summaries={summaries}
      selected={null}
      onSelect={onSelect}
      filters={filters}
      onFilters={setFilters}
      sort={sort}
      onSort={setSort}
    />
  );
}

const callers = () =>
  within(screen.getByTestId("sessions-table"))
    .getAllByRole("row")
    .map((row) => within(row).getAllByRole("cell")[2]?.textContent);

describe("sessions table", () => {
  it("lists every session by start time, and re-sorts when a column header is pressed", () => {
    render(<Harness />);
    expect(screen.getByTestId("sessions-count").textContent).toBe("3 of 3 sessions shown");
    expect(callers()).toEqual(["Ada", "Eve", "Cy"]);
    fireEvent.click(screen.getByRole("button", { name: /Duration/ }));
    expect(callers()).toEqual(["Ada", "Eve", "Cy"]);
    fireEvent.click(screen.getByRole("button", { name: /Duration/ }));
    expect(callers()).toEqual(["Cy", "Eve", "Ada"]);
    expect(screen.getByRole("columnheader", { name: /Duration/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );
  });

  it("filters to poor sessions and by quality, and says how many are shown", () => {
    render(<Harness />);
    fireEvent.click(screen.getByLabelText("Poor only"));
    expect(screen.getByTestId("sessions-count").textContent).toBe("1 of 3 sessions shown");
    expect(callers()).toEqual(["Cy"]);
    fireEvent.click(screen.getByLabelText("Poor only"));
    fireEvent.change(screen.getByLabelText("Quality"), { target: { value: "good" } });
    expect(callers()).toEqual(["Ada", "Eve"]);
  });

  it("searches by name after a pause in typing, and opens a session from its row", () => {
    vi.useFakeTimers();
    const opened: string[] = [];
    render(<Harness onSelect={(id) => opened.push(id)} />);
    fireEvent.change(screen.getByLabelText("Search"), { target: { value: "fay" } });
    expect(callers()).toHaveLength(3);
    act(() => vi.advanceTimersByTime(400));
    vi.useRealTimers();
    expect(callers()).toEqual(["Eve"]);
    fireEvent.click(within(screen.getByTestId("sessions-table")).getAllByRole("button")[0] as HTMLElement);
    expect(opened).toEqual(["c"]);
  });
});
