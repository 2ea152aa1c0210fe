// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { media, person, session, stream, callSummary } from "@/lib/callrecords/fixtures";
import type { CallSummary } from "@/lib/callrecords/model";
import { ApiProblem } from "@/lib/client/api";
import type { CallPage } from "@/lib/client/call-page";
import { installResizeObserver, mockNavigation, mockVirtualizer } from "@/lib/testing/dom";
import type { CallData } from "./call-view";

const CALL_ID = "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01";
const call: CallSummary = callSummary({ id: CALL_ID, type: "groupCall" });
const audio = (jitter: number) => [
  media("audio", [stream({ averageJitterMs: jitter, packetUtilization: 900 })]),
];
const first: CallPage = {
  call,
  sessions: [session("a", person("Ada"), person("Bo"), audio(80))],
  page: 0,
  loaded: 1,
  nextCursor: "next",
};
const second: CallPage = {
  sessions: [session("b", person("Cy"), person("Di"), audio(5))],
  page: 1,
  loaded: 2,
  nextCursor: null,
};

const data = (overrides: Partial<CallData>): CallData => ({
  callId: CALL_ID,
  pages: undefined,
  isPending: false,
  error: null,
  hasNextPage: false,
  isFetchNextPageError: false,
  resumeAt: null,
  fetchNextPage: () => undefined,
  refetch: () => undefined,
  participants: undefined,
  participantsError: null,
  ...overrides,
});

let CallView: typeof import("./call-view").CallView;
beforeAll(async () => {
  mockNavigation(`/calls/${CALL_ID}`);
  mockVirtualizer();
  installResizeObserver();
  ({ CallView } = await import("./call-view"));
});
afterEach(cleanup);

const show = (overrides: Partial<CallData>) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CallView data={data(overrides)} />
    </QueryClientProvider>,
  );

describe("call view", () => {
  it("says it is loading before the first page", () => {
    show({ isPending: true });
    expect(screen.getByRole("status").textContent).toBe(`Loading call ${CALL_ID}…`);
  });

  it("shows the first page while later ones load, and says the verdict may change", async () => {
    show({ pages: [first], hasNextPage: true });
    expect(screen.getByTestId("load-status").textContent).toContain("Page 2, 1 session so far");
    expect((await screen.findByTestId("sessions-count")).textContent).toBe("1 of 1 session shown");
    expect(screen.getByRole("button", { name: "Create report" }).hasAttribute("disabled")).toBe(true);
  });

  it("shows every session once all pages are in", async () => {
    show({ pages: [first, second] });
    expect(screen.getByTestId("load-status").textContent).toBe("All 2 sessions loaded (2 pages).");
    // A small call is judged in the render that shows it; the tables mount after the first screen.
    expect((await screen.findByText("2 of 2 sessions shown")).getAttribute("data-testid")).toBe(
      "sessions-count",
    );
    expect(screen.getByTestId("findings").textContent).toContain("jitter 80 ms");
    expect(screen.getByRole("button", { name: "Create report" }).hasAttribute("disabled")).toBe(false);
  });

  it("says the call is still being judged after its last page, until the findings cover every session", async () => {
    // Over the size judged in the render itself, so the analysis runs after the pages are in.
    const many = Array.from({ length: 150 }, (_, i) =>
      session(`s${i}`, person(`P${i}`), person(`Q${i}`), audio(i % 2 ? 80 : 5)),
    );
    show({
      pages: [
        { call, sessions: many.slice(0, 75), page: 0, loaded: 75, nextCursor: "next" },
        { sessions: many.slice(75), page: 1, loaded: many.length, nextCursor: null },
      ],
    });
    const status = screen.getByTestId("load-status");
    expect(status.getAttribute("data-state")).toBe("judging");
    expect(status.textContent).toBe("All 150 sessions loaded (2 pages); judging the whole call…");
    expect(screen.getByRole("button", { name: "Create report" }).hasAttribute("disabled")).toBe(true);
    await waitFor(() => expect(screen.getByTestId("load-status").getAttribute("data-state")).toBe("done"));
    expect(screen.getByTestId("load-status").textContent).toBe("All 150 sessions loaded (2 pages).");
    expect(screen.getByRole("button", { name: "Create report" }).hasAttribute("disabled")).toBe(false);
  });

  it("keeps what arrived when a later page is throttled, and offers to resume", async () => {
    const throttled = new ApiProblem(
      429,
      "graph_throttled",
      "Graph is limiting requests for this call record. Try again in 30 seconds.",
      "req-1",
      30,
    );
    show({
      pages: [first],
      hasNextPage: true,
      isFetchNextPageError: true,
      error: throttled,
      resumeAt: Date.now() + 30_000,
    });
    const status = screen.getByTestId("load-status");
    expect(status.getAttribute("role")).toBe("alert");
    expect(status.textContent).toContain("Loading stopped after 1 sessions: Graph is limiting requests");
    expect(status.textContent).toMatch(/Resuming automatically in (29|30) s/);
    expect((await screen.findByTestId("sessions-count")).textContent).toBe("1 of 1 session shown");
  });

  it("explains a failed first page and what to do, with the request ID", () => {
    const throttled = new ApiProblem(
      429,
      "graph_throttled",
      "Graph is limiting requests for this call record.",
      "req-2",
      45,
    );
    show({ error: throttled });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Graph is busy with this call");
    expect(alert.textContent).toContain("req-2");
    expect(screen.getByRole("button", { name: "Try again (after 45 s)" })).toBeTruthy();
    cleanup();
    show({ error: new ApiProblem(404, "call_not_found", "Graph has no call record.", "req-3", undefined) });
    expect(screen.getByRole("alert").textContent).toContain("Call record not found");
    expect(screen.getByRole("link", { name: "Look up another call" }).getAttribute("href")).toBe("/");
  });
});
