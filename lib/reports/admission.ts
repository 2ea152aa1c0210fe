import "server-only";
import { ReportError } from "./errors";
import type { ReportQuotas } from "@/lib/config/schema";
import type { ReportStore } from "./store";
import { formatCount } from "@/lib/format/numbers";

const MB = 1024 * 1024;
const mb = (bytes: number) => `${formatCount(Math.round(bytes / MB))} MB`;

/**
 * Who may build a report now. Building one reads every page of a call and gzips it: a few run at once
 * per instance, a short queue waits, one person builds one at a time, and saved reports stay within
 * the per-person and per-tenant quotas.
 */
export function createReportAdmission(store: ReportStore, quotas: ReportQuotas) {
  const maxQueued = quotas.concurrent * 4;
  let running = 0;
  const queue: (() => void)[] = [];
  const building = new Set<string>();

  async function checkQuota(tenantId: string, creator: string, now: number): Promise<void> {
    const [mine, tenant] = await Promise.all([
      store.usage(tenantId, now, creator),
      store.usage(tenantId, now),
    ]);
    if (mine.count >= quotas.perUser.count || mine.bytes >= quotas.perUser.bytes) {
      throw new ReportError(
        429,
        "report_quota",
        `You have ${formatCount(mine.count)} saved reports using ${mb(mine.bytes)}; callscope keeps at most ${formatCount(quotas.perUser.count)} reports or ${mb(quotas.perUser.bytes)} per person. Delete reports you no longer need on the Reports page, then try again.`,
      );
    }
    if (tenant.count >= quotas.perTenant.count || tenant.bytes >= quotas.perTenant.bytes) {
      throw new ReportError(
        429,
        "report_quota",
        `Your organisation's saved reports have reached callscope's limit (${formatCount(quotas.perTenant.count)} reports or ${mb(quotas.perTenant.bytes)}). Ask an investigator to delete old reports, or an administrator to raise CALLSCOPE_REPORTS_PER_TENANT / CALLSCOPE_REPORT_MB_PER_TENANT.`,
      );
    }
  }

  /** The largest payload this person may still store, for the 413 that stops an oversized build early. */
  async function room(tenantId: string, creator: string, now: number): Promise<number> {
    const [mine, tenant] = await Promise.all([
      store.usage(tenantId, now, creator),
      store.usage(tenantId, now),
    ]);
    return Math.max(0, Math.min(quotas.perUser.bytes - mine.bytes, quotas.perTenant.bytes - tenant.bytes));
  }

  async function slot(): Promise<void> {
    if (running < quotas.concurrent) {
      running += 1;
      return;
    }
    if (queue.length >= maxQueued) {
      throw new ReportError(
        429,
        "reports_busy",
        "callscope is building several reports right now. Try again in a few seconds.",
        5,
      );
    }
    // The finishing build hands its slot straight over, so `running` stays counted.
    await new Promise<void>((resolve) => queue.push(resolve));
  }

  function release(): void {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    /** Runs `build` once quotas allow and a slot is free; `room` is how many gzipped bytes it may store. */
    async run<T>(tenantId: string, creator: string, build: (room: number) => Promise<T>): Promise<T> {
      const who = `${tenantId}:${creator}`;
      if (building.has(who)) {
        throw new ReportError(
          429,
          "report_in_progress",
          "Your previous report is still being built. Wait for it to finish, then create the next one.",
          5,
        );
      }
      await checkQuota(tenantId, creator, Date.now());
      building.add(who);
      try {
        await slot();
        try {
          return await build(await room(tenantId, creator, Date.now()));
        } finally {
          release();
        }
      } finally {
        building.delete(who);
      }
    },
  };
}

export const reportTooLarge = (maxBytes: number) =>
  new ReportError(
    413,
    "report_too_large",
    `This report would take your saved reports past callscope's storage quota (${mb(maxBytes)} left). Delete reports you no longer need on the Reports page, or ask an administrator to raise CALLSCOPE_REPORT_MB_PER_USER.`,
  );
