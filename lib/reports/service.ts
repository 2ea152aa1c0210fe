import "server-only";
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import type { CallService, RequestTrace, View } from "@/lib/api/call-service";
import { ApiError } from "@/lib/api/errors";
import { INVESTIGATOR_ROLE, type Principal } from "@/lib/auth/roles";
import { isCallId } from "@/lib/callrecords/call-id";
import { dedupeSessions, parseCallRecordBody } from "@/lib/callrecords/parse";
import type { ReportMeta } from "./model";
import { createRedactor } from "./redact";
import type { ReportStore } from "./store";

export const createReportInput = z.object({
  callId: z.string().refine(isCallId, "must be a call ID (a GUID)"),
  title: z.string().trim().max(200).optional(),
  note: z.string().trim().max(4000).optional(),
  redact: z.boolean().default(false),
  /** Days until the report is deleted; null keeps it until someone deletes it. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});

export type CreateReportInput = z.input<typeof createReportInput>;

interface Payload {
  record: Record<string, unknown>;
  sessions: unknown[];
}

/** Record and sessions redacted by one redactor, so a person keeps one stand-in across both. */
function redactPayload(payload: Payload): Payload {
  const redactor = createRedactor();
  return { record: redactor.redact(payload.record), sessions: redactor.redact(payload.sessions) };
}

const notFound = () => new ApiError(404, "report_not_found", "There is no such report, or it was deleted. Ask whoever sent the link for a new one.");
const isAdmin = (principal: Principal) => principal.kind === "demo" || principal.roles.includes(INVESTIGATOR_ROLE);

export function createReportService(options: { store: ReportStore; calls: CallService; appVersion: string; viewFor: (principal: Principal) => View }) {
  const { store, calls } = options;
  let lastPurge = 0;
  async function purge() {
    if (Date.now() - lastPurge < 60_000) return;
    lastPurge = Date.now();
    await store.purgeExpired(Date.now());
  }

  async function readable(principal: Principal, id: string) {
    await purge();
    const report = /^[A-Za-z0-9_-]{22}$/.test(id) ? await store.get(id) : undefined;
    if (!report || report.meta.tenantId !== principal.tenantId) throw notFound();
    if (report.meta.expiresAt !== null && report.meta.expiresAt < Date.now()) {
      throw new ApiError(410, "report_expired", `This report expired on ${new Date(report.meta.expiresAt).toISOString().slice(0, 10)} and its data was deleted.`);
    }
    if (!report.payload) throw new ApiError(410, "report_expired", "This report's data was deleted.");
    return { meta: report.meta, payload: JSON.parse(gunzipSync(report.payload).toString()) as Payload };
  }

  /** Readers never receive personal data: an unredacted report is redacted for them. */
  const forViewer = (principal: Principal, meta: ReportMeta, payload: Payload): Payload => {
    if (meta.redacted || principal.seesPersonalData) return payload;
    return redactPayload(payload);
  };

  return {
    async create(principal: Principal, body: unknown, trace: RequestTrace): Promise<ReportMeta> {
      const parsed = createReportInput.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ApiError(400, "invalid_report", `The report request is not valid: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}.`);
      }
      const input = parsed.data;
      const raw = await calls.rawCall(input.callId, trace);
      // Readers may only share what they may see: their reports are always redacted.
      const redact = input.redact || !principal.seesPersonalData;
      const payload = redact ? redactPayload(raw) : raw;
      const now = Date.now();
      const meta: ReportMeta = {
        id: randomBytes(16).toString("base64url"),
        tenantId: principal.tenantId,
        callId: input.callId.toLowerCase(),
        title: input.title || `Call ${input.callId.toLowerCase()}`,
        note: input.note || null,
        redacted: redact,
        createdAt: now,
        createdBy: principal.oid,
        createdByName: principal.name,
        expiresAt: input.expiresInDays === null ? null : now + input.expiresInDays * 86_400_000,
        appVersion: options.appVersion,
        sessionCount: raw.sessions.length,
      };
      await store.create(meta, gzipSync(JSON.stringify(payload)));
      return meta;
    },

    /** The report as the drill-down reads it: the same parse as live data, from the stored payload. */
    async open(principal: Principal, id: string): Promise<string> {
      const { meta, payload } = await readable(principal, id);
      const shown = forViewer(principal, meta, payload);
      const parsed = parseCallRecordBody({ ...shown.record, sessions: shown.sessions });
      const view = options.viewFor(principal);
      const sessions = view.sessions(dedupeSessions(parsed.sessions));
      const people = parsed.participants;
      const participants = {
        v2: people?.source === "participants_v2" ? view.participants(people.list) : null,
        legacy: people?.source === "legacy" ? view.participants(people.list) : [],
        unavailable: people?.source === "participants_v2" ? null : "this report was saved without participants_v2",
      };
      return JSON.stringify({ report: meta, call: view.call(parsed.call), sessions, participants, page: 0, loaded: sessions.length, nextCursor: null });
    },

    async exportJson(principal: Principal, id: string): Promise<{ meta: ReportMeta; json: string }> {
      const { meta, payload } = await readable(principal, id);
      const shown = forViewer(principal, meta, payload);
      return { meta, json: JSON.stringify({ ...shown.record, sessions: shown.sessions }) };
    },

    async list(principal: Principal): Promise<ReportMeta[]> {
      await purge();
      return store.list(principal.tenantId, isAdmin(principal) ? undefined : principal.oid);
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const report = /^[A-Za-z0-9_-]{22}$/.test(id) ? await store.get(id) : undefined;
      if (!report || report.meta.tenantId !== principal.tenantId) throw notFound();
      if (report.meta.createdBy !== principal.oid && !isAdmin(principal)) {
        throw new ApiError(403, "not_report_owner", `Only ${report.meta.createdByName}, who created this report, or an investigator can delete it.`);
      }
      await store.delete(id);
    },

    /** A live call's Graph payload, optionally redacted, for the JSON export. */
    async exportCall(principal: Principal, callId: string, redact: boolean, trace: RequestTrace): Promise<string> {
      const raw = await calls.rawCall(callId, trace);
      if (!redact && principal.seesPersonalData) return JSON.stringify({ ...raw.record, sessions: raw.sessions });
      const redacted = redactPayload(raw);
      return JSON.stringify({ ...redacted.record, sessions: redacted.sessions });
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
