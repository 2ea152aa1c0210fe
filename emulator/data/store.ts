import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { demoCalls } from "../../lib/demo/calls";
import { participantsOf } from "./participants";
import { buildCallRecord } from "./scenarios";
import {
  buildWeekCall,
  rowsForRecord,
  weekOfCalls,
  weekPhoneLogs,
  type PhoneLogs,
  type WeekCall,
} from "./week";
import type { WireCallRecord } from "./wire";

/** `f0000000-0000-4000-8000-00000000NNNN`: a generated call with NNNN sessions (1–20,000), for tests. */
const SIZED_CALL = /^f0000000-0000-4000-8000-(\d{12})$/;
export const MAX_GENERATED_SESSIONS = 20_000;

export function sizedCallId(sessions: number): string {
  return `f0000000-0000-4000-8000-${String(sessions).padStart(12, "0")}`;
}

export interface StoreOptions {
  seed: string;
  /** "Now" for the generated data: calls ended a little before it. */
  now: number;
  tenantId: string;
  dataDir?: string;
}

interface Entry {
  tenantId: string;
  build: () => WireCallRecord;
}

/** Every call record the emulator can serve, built on first request and kept. */
export class CallStore {
  private readonly entries = new Map<string, Entry>();
  private readonly built = new Map<string, WireCallRecord>();
  private readonly week: WeekCall[];
  private logs: PhoneLogs | undefined;
  private readonly people = new WeakMap<WireCallRecord, Set<string>>();

  constructor(private readonly options: StoreOptions) {
    demoCalls.forEach((call, index) => {
      const end = options.now - (2 + index) * 3_600_000;
      this.entries.set(call.id, {
        tenantId: options.tenantId,
        build: () =>
          buildCallRecord({
            id: call.id,
            scenario: call.scenario,
            seed: options.seed,
            end,
            tenantId: options.tenantId,
          }),
      });
    });
    this.week = weekOfCalls(options.seed, options.now);
    for (const call of this.week)
      this.entries.set(call.id, {
        tenantId: options.tenantId,
        build: () => buildWeekCall(call, options.seed, options.tenantId),
      });
    if (options.dataDir) this.loadDirectory(options.dataDir);
  }

  private loadDirectory(dir: string): void {
    for (const name of readdirSync(dir)
      .filter((file) => file.endsWith(".json"))
      .sort()) {
      const path = join(dir, name);
      const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
      const record = parsed as Partial<WireCallRecord>;
      if (typeof record.id !== "string" || !Array.isArray(record.sessions)) {
        throw new Error(`${path}: expected a callRecord with "id" and an inline "sessions" array`);
      }
      const full: WireCallRecord = {
        ...record,
        id: record.id.toLowerCase(),
        version: record.version ?? 1,
        sessions: record.sessions,
      };
      this.entries.set(full.id, { tenantId: this.options.tenantId, build: () => full });
    }
  }

  get tenantId(): string {
    return this.options.tenantId;
  }

  /** A record published while the emulator runs (the feed's new calls). */
  add(id: string, build: () => WireCallRecord): void {
    this.entries.set(id.toLowerCase(), { tenantId: this.options.tenantId, build });
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  get(id: string, tenantId: string): WireCallRecord | undefined {
    const key = id.toLowerCase();
    let entry = this.entries.get(key);
    const sized = SIZED_CALL.exec(key);
    if (!entry && sized) {
      const sessions = Number(sized[1]);
      if (sessions >= 1 && sessions <= MAX_GENERATED_SESSIONS) {
        entry = {
          tenantId: this.options.tenantId,
          build: () =>
            buildCallRecord({
              id: key,
              scenario: "generic",
              seed: this.options.seed,
              end: this.options.now - 3_600_000,
              tenantId: this.options.tenantId,
              sessions,
            }),
        };
      }
    }
    // The tenant is checked before anything built is reused: Graph never serves one tenant's record to another.
    if (!entry || entry.tenantId !== tenantId) return undefined;
    const cached = this.built.get(key);
    if (cached) return cached;
    const record = entry.build();
    this.built.set(key, record);
    return record;
  }

  /**
   * Every listable record of a tenant, oldest first (Graph documents no order: callers must sort).
   * Generated sized calls are not listed: they exist for any size asked for.
   */
  list(tenantId: string): WireCallRecord[] {
    const records: WireCallRecord[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.tenantId !== tenantId) continue;
      const record = this.get(id, tenantId);
      if (record) records.push(record);
    }
    return records.sort(
      (a, b) =>
        Date.parse(a.startDateTime ?? "") - Date.parse(b.startDateTime ?? "") || a.id.localeCompare(b.id),
    );
  }

  /** The IDs participants_v2 lists for a record (derived from its sessions when the record has none). */
  participantIds(record: WireCallRecord): Set<string> {
    let ids = this.people.get(record);
    if (!ids) {
      ids = new Set(participantsOf(record).flatMap((p) => (p.id ? [p.id.toLowerCase()] : [])));
      this.people.set(record, ids);
    }
    return ids;
  }

  /** The tenant's PSTN and Direct Routing log rows, oldest first. */
  phoneLogs(tenantId: string): PhoneLogs {
    if (tenantId !== this.options.tenantId) return { pstn: [], directRouting: [] };
    if (!this.logs) {
      const logs = weekPhoneLogs(this.options.seed, this.week, this.options.now);
      const failedPstn = demoCalls.find((call) => call.scenario === "failed-pstn");
      const record = failedPstn && this.get(failedPstn.id, tenantId);
      if (record) logs.directRouting.push(...rowsForRecord(this.options.seed, record));
      const byStart = (a: { startDateTime: string }, b: { startDateTime: string }) =>
        Date.parse(a.startDateTime) - Date.parse(b.startDateTime);
      logs.pstn.sort(byStart);
      logs.directRouting.sort(byStart);
      this.logs = logs;
    }
    return this.logs;
  }

  /** Simulates Graph publishing a new version of a record (more data arrived). */
  bumpVersion(id: string, tenantId: string): WireCallRecord | undefined {
    const record = this.get(id, tenantId);
    if (!record) return undefined;
    record.version += 1;
    record.lastModifiedDateTime = new Date().toISOString();
    return record;
  }
}
