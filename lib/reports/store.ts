import type { ReportMeta } from "./model";

export interface StoredReport {
  meta: ReportMeta;
  /** Gzipped JSON of `{ record, sessions }` as Graph sent them; null once an expired report is purged. */
  payload: Buffer | null;
}

export interface StoreUsage {
  count: number;
  /** Stored (gzipped) payload bytes. */
  bytes: number;
}

/** Where snapshots live: SQLite on one instance; a shared database when several run. */
export interface ReportStore {
  create(meta: ReportMeta, payload: Buffer): Promise<void>;
  get(id: string): Promise<StoredReport | undefined>;
  /** Reports not yet expired at `now`, newest first; optionally one creator's. */
  list(tenantId: string, now: number, createdBy?: string): Promise<ReportMeta[]>;
  /** What unexpired reports hold, for quotas: over the tenant, or one creator's. */
  usage(tenantId: string, now: number, createdBy?: string): Promise<StoreUsage>;
  delete(id: string): Promise<boolean>;
  /**
   * Drops the payload of every report expired before `now`, and the free text and names that came with it
   * (title, note, creator): the row keeps only what answers 410 for its link.
   */
  purgeExpired(now: number): Promise<number>;
  /** Stops the store's own work (the SQLite writer thread); the database is closed by whoever opened it. */
  close(): void;
}
