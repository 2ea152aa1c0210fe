// Every sentence about cause comes from one attribution: on every record callscope can show — the emulator's
// demo calls and week of calls, and the records built from Microsoft's docs examples — the headline, the
// first finding, the cause panel and each person's part must tell the same story.
import { describe, expect, it } from "vitest";
import { CallStore } from "@/emulator/data/store";
import getExpanded from "@/lib/graph/fixtures/get-callrecord-example-2.json";
import getParticipants from "@/lib/graph/fixtures/get-callrecord-example-3.json";
import realTenant from "@/lib/graph/fixtures/real-tenant-shape.json";
import { summarizeSession } from "./analysis";
import { analyzeCall } from "./analyze";
import { endpointLabel } from "./describe";
import { parseCallRecordBody } from "./parse";

const store = new CallStore({ seed: "callscope", now: Date.parse("2026-12-03T12:00:00Z"), tenantId: "t" });
const records: [string, unknown][] = [
  ...store.ids().map((id): [string, unknown] => [`emulator ${id}`, store.get(id, "t")]),
  ["Get callRecord example 2 (docs)", getExpanded],
  ["Get callRecord example 3 (docs)", getParticipants],
  ["real tenant shape", realTenant],
];

function analyse(body: unknown) {
  const parsed = parseCallRecordBody(body);
  const summaries = parsed.sessions.map((s) => summarizeSession(s, undefined, parsed.call.type));
  const sessions = summaries.map((s) => s.session);
  const rows = summaries.flatMap((s) => s.rows);
  return { parsed, sessions, rows, ...analyzeCall(sessions, rows) };
}

describe("one story per call", () => {
  it.each(records)("%s: headline, findings, panel and parts agree", (_, body) => {
    const { story, findings, impacts, rows, verdict, parsed } = analyse(body);
    const part = (key: string) => impacts.find((p) => p.key === key)?.part;
    const anyPoor = rows.some((row) => row.verdict.quality === "poor");
    if (anyPoor || verdict.failures) {
      expect(findings[0]?.kind === "cause" || findings[0]?.kind === "failure").toBe(true);
    }
    if (anyPoor) expect(findings[0]).toMatchObject({ kind: "cause", text: story.headline });
    else expect(findings.some((f) => f.kind === "cause" && f.text !== story.headline)).toBe(false);

    const pair = story.pair?.responsible;
    if (story.pair && pair) {
      if (!verdict.failures || anyPoor) expect(story.headline).toBe(pair.text);
      const { caller, callee } = story.pair;
      expect(part(caller.key) ?? "fine").toBe(pair.parts.caller);
      expect(part(callee.key) ?? "fine").toBe(pair.parts.callee);
      if (pair.status === "named" && pair.side) {
        const named = pair.side === "caller" ? caller : callee;
        const other = pair.side === "caller" ? callee : caller;
        expect(part(named.key)).not.toBe("fine");
        expect(["impacting", "both"]).not.toContain(part(other.key));
        expect(story.headline).toContain(named.label);
      }
      if (pair.status === "unclear") {
        expect(story.headline.startsWith("Unclear:")).toBe(true);
        expect(impacts.some((p) => p.part === "impacting" || p.part === "both")).toBe(false);
      }
      if (pair.status === "none") expect(impacts.every((p) => p.part === "fine")).toBe(true);
    }
    for (const line of story.meeting?.lines ?? []) {
      // A sender or one person named as the cause is impacting in the participants table too.
      if (line.personKey && line.kind === "sender")
        expect(["impacting", "both"]).toContain(part(line.personKey));
      if (line.personKey && line.kind === "person") expect(part(line.personKey)).not.toBe("fine");
      expect(line.sessionIds.length).toBeGreaterThan(0);
    }
    if (story.meeting && story.meeting.lines.length > 0)
      expect(story.headline).toBe(story.meeting.lines[0]?.text);
    // In a group call, never a person called "unknown participant": the meeting's service is not a person.
    if (parsed.call.type === "groupCall")
      expect(impacts.map((p) => p.label)).not.toContain("unknown participant");
  });

  it("the week's poor 1:1s name the person whose sent streams arrived poor, as the emulator planted them", () => {
    const week = store.ids().flatMap((id) => {
      const body = store.get(id, "t");
      const { story, rows } = analyse(body);
      const pair = story.pair;
      if (!pair || pair.responsible.status === "none") return [];
      const senders = new Set(
        rows.filter((row) => row.verdict.quality === "poor").map((row) => endpointLabel(row.sender)),
      );
      return [{ named: pair.responsible.side ? pair[pair.responsible.side].label : null, senders }];
    });
    expect(week.length).toBeGreaterThan(5);
    for (const call of week) {
      expect(call.named).not.toBeNull();
      expect(call.senders.has(call.named ?? "")).toBe(true);
    }
  });

  it("calls a group call's identity-less endpoint the meeting's service, not a person", () => {
    const { sessions, impacts, story } = analyse(realTenant);
    expect(endpointLabel(sessions[1]?.callee ?? null)).toBe("meeting service (not identified by Graph)");
    expect(sessions[1]?.callee?.kind).toBe("service");
    expect(impacts.map((p) => p.label).sort()).toEqual(["Jonas Berg", "Mei Chen", "Rui Alves"]);
    expect(story.pair).toBeNull();
  });

  it("keeps an identity-less endpoint of a peer-to-peer call as an unknown party (a federated far side)", () => {
    const body = structuredClone(realTenant) as { type: string; sessions: { callee: unknown }[] };
    body.type = "peerToPeer";
    const { sessions } = analyse(body);
    expect(sessions[1]?.callee?.kind).toBe("unknown");
  });
});
