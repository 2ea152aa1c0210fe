import "server-only";
import { randomBytes } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { z } from "zod";
import type { View } from "@/lib/callrecords/view";
import type { RawPart } from "@/lib/graph/callrecords";
import { formatDay } from "@/lib/format/dates";
import { ReportError } from "./errors";
import type { Principal } from "@/lib/auth/roles";
import { isCallId } from "@/lib/callrecords/call-id";
import type { Session } from "@/lib/callrecords/model";
import { dedupeSessions } from "@/lib/callrecords/dedupe";
import { parseCallRecordBody, parseSessionsPageBody } from "@/lib/callrecords/parse";
import type { ReportQuotas } from "@/lib/config/schema";
import { createReportAdmission, reportTooLarge } from "./admission";
import { callFactsTap } from "./call-facts";
import type { ReportMeta } from "./model";
import { gunzipAsync, gzipStream, payloadJson, slices, type PayloadPart } from "./payload";
import { createRedactor } from "./redact";
import type { ReportStore } from "./store";
import { isInvestigator } from "@/lib/config/public";

export const createReportInput = z.object({
  callId: z.string().refine(isCallId, "must be a call ID (a GUID)"),
  title: z.string().trim().max(200).optional(),
  note: z.string().trim().max(4000).optional(),
  redact: z.boolean().default(false),
  /**
   * The creator says the title and note name no one. Without it a redacted report keeps neither: free text is
   * personal data too, and redaction cannot find a name someone typed.
   */
  textHasNoPersonalData: z.boolean().default(false),
  /** Days until the report is deleted; null keeps it until someone deletes it. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});

export type CreateReportInput = z.input<typeof createReportInput>;

interface Payload {
  record: Record<string, unknown>;
  sessions: unknown[];
}

/** Record and sessions redacted by one redactor (a person keeps one stand-in), a slice at a time. */
async function redactPayload(payload: Payload): Promise<Payload> {
  const redactor = createRedactor();
  const sessions: unknown[] = [];
  for await (const slice of slices(payload.sessions, redactor, "sessions")) sessions.push(...slice);
  const { participants_v2: people, ...rest } = payload.record;
  const record = redactor.redact(rest);
  if (Array.isArray(people)) {
    const redactedPeople: unknown[] = [];
    for await (const slice of slices(people, redactor, "participants_v2")) redactedPeople.push(...slice);
    record.participants_v2 = redactedPeople;
  }
  return { record, sessions };
}

/** A stored payload as parts, for writing it out again. */
async function* partsOf(payload: Payload): AsyncGenerator<PayloadPart> {
  yield { sessions: payload.sessions };
  yield { record: payload.record, rawParticipants: null };
}

const notFound = () =>
  new ReportError(
    404,
    "report_not_found",
    "There is no such report, or it was deleted. Ask whoever sent the link for a new one.",
  );

/** Sessions parsed per slice, with a yield between slices: one big snapshot must not hold the thread. */
const PARSE_SLICE = 10;

/** A call's Graph payload in parts, as the caller's call service reads it (through its cache). */
export type RawCallSource = (callId: string) => AsyncIterable<RawPart>;

export function createReportService(options: {
  store: ReportStore;
  appVersion: string;
  viewFor: (principal: Principal) => View;
  quotas: ReportQuotas;
  /** The same additions as live pages get (ISP and country of public addresses). */
  annotate?: (sessions: Session[]) => Session[];
}) {
  const { store } = options;
  const admission = createReportAdmission(store, options.quotas);
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
      throw new ReportError(
        410,
        "report_expired",
        `This report expired on ${formatDay(report.meta.expiresAt)} and its data was deleted.`,
      );
    }
    if (!report.payload) throw new ReportError(410, "report_expired", "This report's data was deleted.");
    return {
      meta: report.meta,
      payload: JSON.parse((await gunzipAsync(report.payload)).toString()) as Payload,
    };
  }

  /** The same parse as live data, a slice of sessions at a time. */
  async function parseSnapshot(payload: Payload) {
    const parsed = parseCallRecordBody({
      ...payload.record,
      sessions: payload.sessions.slice(0, PARSE_SLICE),
    });
    const sessions: Session[] = [...parsed.sessions];
    const lost = [...parsed.lost];
    for (let start = PARSE_SLICE; start < payload.sessions.length; start += PARSE_SLICE) {
      await nextTurn();
      const page = parseSessionsPageBody({ value: payload.sessions.slice(start, start + PARSE_SLICE) });
      sessions.push(...page.sessions);
      lost.push(...page.lost);
    }
    return { ...parsed, lost, sessions: options.annotate ? options.annotate(sessions) : sessions };
  }

  /** Readers never receive personal data: an unredacted report is redacted for them. */
  const mustRedactFor = (principal: Principal, meta: ReportMeta) =>
    !meta.redacted && !principal.seesPersonalData;
  const forViewer = async (principal: Principal, meta: ReportMeta, payload: Payload): Promise<Payload> =>
    mustRedactFor(principal, meta) ? redactPayload(payload) : payload;

  return {
    async create(principal: Principal, body: unknown, rawCall: RawCallSource): Promise<ReportMeta> {
      const parsed = createReportInput.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ReportError(
          400,
          "invalid_report",
          `The report request is not valid: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}.`,
        );
      }
      const input = parsed.data;
      // Readers may only share what they may see: their reports are always redacted.
      const redact = input.redact || !principal.seesPersonalData;
      return admission.run(principal.tenantId, principal.oid, async (room) => {
        let sessionCount = 0;
        const tap = callFactsTap();
        const parts = tap.through(counted(rawCall(input.callId), (count) => (sessionCount += count)));
        const payload = await gzipStream(
          payloadJson(parts, "snapshot", redact ? createRedactor() : null),
          room,
          reportTooLarge,
        );
        const facts = await tap.facts();
        const now = Date.now();
        const meta: ReportMeta = {
          ...facts,
          id: randomBytes(16).toString("base64url"),
          tenantId: principal.tenantId,
          callId: input.callId.toLowerCase(),
          title:
            redact && !input.textHasNoPersonalData
              ? `Redacted report of call ${input.callId.toLowerCase()}`
              : input.title || `Call ${input.callId.toLowerCase()}`,
          note: redact && !input.textHasNoPersonalData ? null : input.note || null,
          redacted: redact,
          createdAt: now,
          createdBy: principal.oid,
          createdByName: principal.name,
          expiresAt: input.expiresInDays === null ? null : now + input.expiresInDays * 86_400_000,
          appVersion: options.appVersion,
          sessionCount,
        };
        await store.create(meta, payload);
        return meta;
      });
    },

    /** The report as the drill-down reads it: the same parse as live data, from the stored payload. */
    async open(principal: Principal, id: string): Promise<string> {
      const { meta, payload } = await readable(principal, id);
      const shown = await forViewer(principal, meta, payload);
      const parsed = await parseSnapshot(shown);
      const view = options.viewFor(principal);
      const sessions = view.sessions(dedupeSessions(parsed.sessions));
      const people = parsed.participants;
      const participants = {
        v2: people?.source === "participants_v2" ? view.participants(people.list) : null,
        legacy: people?.source === "legacy" ? view.participants(people.list) : [],
        unavailable:
          people?.source === "participants_v2" ? null : "this report was saved without participants_v2",
      };
      return JSON.stringify({
        report: meta,
        call: view.call(parsed.call),
        sessions,
        participants,
        page: 0,
        loaded: sessions.length,
        nextCursor: null,
        // A snapshot keeps what Graph sent, sessions it could not read included: the page says so as live.
        ...(parsed.lost.length > 0 ? { lost: parsed.lost } : {}),
      });
    },

    async exportJson(principal: Principal, id: string): Promise<{ meta: ReportMeta; json: string }> {
      const { meta, payload } = await readable(principal, id);
      const chunks: string[] = [];
      for await (const chunk of payloadJson(
        partsOf(payload),
        "export",
        mustRedactFor(principal, meta) ? createRedactor() : null,
      ))
        chunks.push(chunk);
      return { meta, json: chunks.join("") };
    },

    async list(principal: Principal): Promise<ReportMeta[]> {
      await purge();
      return store.list(
        principal.tenantId,
        Date.now(),
        isInvestigator(principal) ? undefined : principal.oid,
      );
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const report = /^[A-Za-z0-9_-]{22}$/.test(id) ? await store.get(id) : undefined;
      if (!report || report.meta.tenantId !== principal.tenantId) throw notFound();
      if (report.meta.createdBy !== principal.oid && !isInvestigator(principal)) {
        throw new ReportError(
          403,
          "not_report_owner",
          report.meta.createdByName
            ? `Only ${report.meta.createdByName}, who created this report, or an investigator can delete it.`
            : "Only whoever created this report, or an investigator, can delete it.",
        );
      }
      await store.delete(id);
    },

    /** A live call's Graph payload, optionally redacted, for the JSON export: written page by page. */
    async exportCall(principal: Principal, parts: AsyncIterable<RawPart>, redact: boolean): Promise<string> {
      const redactor = redact || !principal.seesPersonalData ? createRedactor() : null;
      const chunks: string[] = [];
      for await (const chunk of payloadJson(parts, "export", redactor)) chunks.push(chunk);
      return chunks.join("");
    },
  };
}

/** Passes the parts through, counting sessions on the way. */
async function* counted(parts: AsyncIterable<RawPart>, add: (count: number) => void) {
  for await (const part of parts) {
    if ("count" in part) add(part.count);
    yield part;
  }
}

export type ReportService = ReturnType<typeof createReportService>;
