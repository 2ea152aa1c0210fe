import type { ReportMeta } from "./model";

export interface StoredReport {
  meta: ReportMeta;
  /** Gzipped JSON of `{ record, sessions }` as Graph sent them; null once an expired report is purged. */
  payload: Buffer | null;
}

/** Where snapshots live: SQLite on one instance; a shared database when several run. */
export interface ReportStore {
  create(meta: ReportMeta, payload: Buffer): Promise<void>;
  get(id: string): Promise<StoredReport | undefined>;
  list(tenantId: string, createdBy?: string): Promise<ReportMeta[]>;
  delete(id: string): Promise<boolean>;
  /** Drops the payload of every report expired before `now`; the row stays so it answers 410. */
  purgeExpired(now: number): Promise<number>;
  close(): void;
}
