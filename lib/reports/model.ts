/** A saved snapshot of a call, as listed and shown: the payload itself is stored apart. */
export interface ReportMeta {
  id: string;
  tenantId: string;
  callId: string;
  title: string;
  note: string | null;
  redacted: boolean;
  createdAt: number;
  createdBy: string;
  createdByName: string;
  /** Null: never expires. */
  expiresAt: number | null;
  appVersion: string;
  sessionCount: number;
}
