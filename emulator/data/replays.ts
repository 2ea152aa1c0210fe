// Demo records that replay fixtures instead of generating data: the shapes real tenants and Microsoft's
// own examples send, moved in time so they sit inside Graph's 30-day window like the other demo calls.
import docsRecord from "../../lib/graph/fixtures/get-callrecord-example-1.json";
import docsParticipants from "../../lib/graph/fixtures/get-callrecord-example-3.json";
import docsSessions from "../../lib/graph/fixtures/list-sessions-example-2.json";
import legacyOnly from "../../lib/graph/fixtures/legacy-only.json";
import realTenant from "../../lib/graph/fixtures/real-tenant-shape.json";
import { hostileRecord } from "./hostile";
import { oddShapesRecord } from "./odd-shapes";
import type { WireCallRecord } from "./wire";

export type ReplayScenario = "real-tenant" | "legacy-only" | "docs-example" | "hostile" | "odd-shapes";

function withoutAnnotations(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !key.includes("@")));
}

function compose(name: ReplayScenario): Record<string, unknown> {
  switch (name) {
    case "real-tenant":
      return withoutAnnotations(realTenant);
    case "legacy-only":
      // Written before Graph filled participants_v2: the emulator serves an empty list for it.
      return { ...withoutAnnotations(legacyOnly), participants_v2: [] };
    case "hostile":
      return hostileRecord();
    case "odd-shapes":
      return withoutAnnotations(oddShapesRecord());
    case "docs-example":
      return {
        ...withoutAnnotations(docsRecord),
        participants_v2: docsParticipants.participants_v2,
        sessions: docsSessions.value,
      };
  }
}

/** Every `…DateTime` moved by the same amount, so the record ends at `end` and its inner timings hold. */
function shiftTimes(value: unknown, deltaMs: number, key = ""): unknown {
  if (typeof value === "string" && key.endsWith("DateTime")) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms + deltaMs).toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => shiftTimes(item, deltaMs, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, deltaMs, k)]));
  return value;
}

export function replayRecord(name: ReplayScenario, end: number): WireCallRecord {
  const record = structuredClone(compose(name));
  const delta = end - Date.parse(String(record.endDateTime));
  return shiftTimes(record, delta) as WireCallRecord;
}
