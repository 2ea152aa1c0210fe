// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SignInContext, type Me } from "@/lib/client/sign-in";
import { CreateReportDialog } from "./create-report-dialog";

const CALL_ID = "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01";
const investigator: Me = {
  kind: "user",
  name: "Ada",
  username: null,
  tenantId: "t",
  roles: ["CallQuality.Investigator"],
  seesPersonalData: true,
};
let posted: Record<string, unknown>[];

beforeEach(() => {
  posted = [];
  // happy-dom's <dialog> has no top layer; opening it is all the dialog needs.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_path: string, init: RequestInit) => {
      posted.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      const report = {
        id: "r".repeat(22),
        callId: CALL_ID,
        title: "t",
        note: null,
        redacted: false,
        createdAt: 0,
        createdBy: "o",
        createdByName: "Ada",
        expiresAt: null,
        appVersion: "0",
        sessionCount: 1,
        callStart: null,
        callType: null,
        quality: null,
        poorShare: null,
        tenantId: "t",
      };
      return new Response(JSON.stringify({ report, url: `/reports/${report.id}` }), {
        status: 201,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function create(choice: string, before: () => void = () => undefined) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SignInContext.Provider
        value={{ status: "ready", me: investigator, error: null, signIn: null, signOut: null }}
      >
        <CreateReportDialog
          callId={CALL_ID}
          titles={{
            named: "Peer-to-peer call, 1 Dec 2026, Priya and Owen",
            anonymous: "Peer-to-peer call, 1 Dec 2026",
          }}
          onClose={() => undefined}
        />
      </SignInContext.Provider>
    </QueryClientProvider>,
  );
  fireEvent.change(screen.getByLabelText("Keep for"), { target: { value: choice } });
  before();
  fireEvent.click(screen.getByRole("button", { name: "Create report" }));
  await waitFor(() => expect(screen.getByTestId("report-link")).toBeTruthy());
  return posted[0];
}

describe("Create report dialog", () => {
  it("asks for a report that never expires when Keep for is Never", async () => {
    expect((await create("Never"))?.expiresInDays).toBeNull();
  });

  it("sends the number of days for the other choices", async () => {
    expect((await create("1 year"))?.expiresInDays).toBe(365);
  });

  it("titles the report from the call, without names once redacted, and says the text is left out", async () => {
    const sent = await create("90 days", () => {
      expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe(
        "Peer-to-peer call, 1 Dec 2026, Priya and Owen",
      );
      fireEvent.click(screen.getByLabelText(/Redact personal data/));
      expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe(
        "Peer-to-peer call, 1 Dec 2026",
      );
      expect(screen.getByTestId("text-warning").textContent).toContain(
        "cannot find a name typed in the title",
      );
    });
    expect(sent).toMatchObject({
      redact: true,
      textHasNoPersonalData: false,
      title: "Peer-to-peer call, 1 Dec 2026",
    });
  });

  it("gives the report's whole address, with the page's view, to copy", async () => {
    window.history.replaceState(null, "", "/calls/x?session=s1&sort=jitter");
    await create("90 days");
    const link = screen.getByTestId("report-link");
    expect(link.textContent).toBe(
      `${window.location.origin}/reports/${"r".repeat(22)}?session=s1&sort=jitter`,
    );
    expect(screen.getByRole("button", { name: "Copy link" })).toBeTruthy();
  });
});
