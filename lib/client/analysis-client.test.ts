import { describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { summarizeSession } from "@/lib/callrecords/analysis";
import { analyzeCall } from "@/lib/callrecords/analyze";
import { parseCallRecordBody } from "@/lib/callrecords/parse";
import { withEndpointSteps } from "./analysis-client";

describe("the worker's people put back with their endpoints", () => {
  it("gives each person the endpoint the page's rows name, in steps of 3,000 rows", () => {
    const town = parseCallRecordBody(
      buildCallRecord({
        id: "c",
        scenario: "town-hall",
        seed: "e",
        end: Date.UTC(2026, 10, 2),
        tenantId: "t",
      }),
    );
    const rows = town.sessions.flatMap(
      (session) => summarizeSession(session, undefined, town.call.type).rows,
    );
    const { impacts } = analyzeCall(town.sessions, rows);
    // What the worker sends: the people without their endpoints.
    const slim = impacts.map(({ endpoint: _endpoint, ...impact }) => impact);
    const steps = withEndpointSteps(slim, rows);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses += 1;
    expect(pauses).toBe(Math.ceil(rows.length / 3_000));
    expect(step.value).toEqual(impacts);
  });
});
