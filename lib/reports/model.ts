import type { Quality } from "@/lib/callrecords/verdict";

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
  /** The call's start and type as Graph gave them, and its verdict when the report was made; null in reports made before they were kept. */
  callStart: string | null;
  callType: string | null;
  quality: Quality | null;
  /** Share of classified streams that were poor, 0–1. */
  poorShare: number | null;
}
