import "server-only";
// Sends alerts to one destination and says how it went: delivered, worth another try (429, 5xx, timeouts,
// SMTP 4xx — with the wait the destination asked for), or failed for good (other 4xx, refused addresses).
import { createTransport } from "nodemailer";
import { randomUUID } from "node:crypto";
import { AlertError } from "./errors";
import { teamsMessage } from "./card";
import { emailContent } from "./email";
import type { AlertMessage, DestinationKind } from "./model";
import { postChecked, type OutboundPolicy } from "./outbound";
import { SIGNATURE_HEADER, signBody } from "./sign";

/** A destination with its secrets, as only the sender sees it. */
export interface StoredDestination {
  id: string;
  tenantId: string;
  name: string;
  kind: DestinationKind;
  /** The webhook URL, or the recipients (comma-separated). */
  target: string;
  /** The generic webhook's signing secret. */
  secret: string | null;
}

export type SendOutcome =
  | { kind: "sent"; status: number }
  | { kind: "retry"; status: number | null; error: string; retryAfterMs: number | null }
  | { kind: "failed"; status: number | null; error: string };

export interface Senders {
  send(
    destination: StoredDestination,
    alerts: readonly AlertMessage[],
    deliveryId: string,
  ): Promise<SendOutcome>;
}

const RETRIED_HTTP = (status: number) => status === 408 || status === 429 || status >= 500;

export function createSenders(options: {
  policy: OutboundPolicy;
  smtp: { url: string; from: string } | null;
  timeoutMs?: number;
  now?: () => number;
}): Senders {
  const now = options.now ?? Date.now;
  const mailer = options.smtp ? createTransport(options.smtp.url, { from: options.smtp.from }) : null;

  async function post(
    destination: StoredDestination,
    body: string,
    headers: Record<string, string>,
  ): Promise<SendOutcome> {
    try {
      const result = await postChecked(destination.target, body, headers, options.policy, options.timeoutMs);
      if (result.status >= 200 && result.status < 300) return { kind: "sent", status: result.status };
      const error = `answered ${result.status}${result.excerpt ? `: ${result.excerpt}` : ""}`;
      return RETRIED_HTTP(result.status)
        ? { kind: "retry", status: result.status, error, retryAfterMs: result.retryAfterMs }
        : { kind: "failed", status: result.status, error };
    } catch (error) {
      if (error instanceof AlertError) return { kind: "failed", status: null, error: error.message };
      return {
        kind: "retry",
        status: null,
        error: error instanceof Error ? error.message : String(error),
        retryAfterMs: null,
      };
    }
  }

  async function email(
    destination: StoredDestination,
    alerts: readonly AlertMessage[],
  ): Promise<SendOutcome> {
    if (!mailer)
      return { kind: "failed", status: null, error: "email is off here: CALLSCOPE_SMTP_URL is not set" };
    const content = emailContent(alerts);
    try {
      const info = await mailer.sendMail({ to: destination.target, ...content });
      const code = Number(/^(\d{3})/.exec(String(info.response ?? ""))?.[1] ?? 250);
      return { kind: "sent", status: code };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      const message = error instanceof Error ? error.message : String(error);
      // SMTP 5xx is permanent (no such mailbox, refused); 4xx and connection trouble are worth another try.
      return code !== null && code >= 500
        ? { kind: "failed", status: code, error: message.slice(0, 300) }
        : { kind: "retry", status: code, error: message.slice(0, 300), retryAfterMs: null };
    }
  }

  return {
    async send(destination, alerts, deliveryId) {
      if (destination.kind === "email") return email(destination, alerts);
      if (destination.kind === "teams")
        return post(destination, JSON.stringify(teamsMessage(alerts)), {
          "content-type": "application/json",
        });
      const body = JSON.stringify({ id: deliveryId, alerts });
      return post(destination, body, {
        "content-type": "application/json",
        // The delivery's ID stays the same across retries: a receiver can drop a repeat it already has.
        "idempotency-key": deliveryId || randomUUID(),
        [SIGNATURE_HEADER]: signBody(destination.secret ?? "", body, Math.floor(now() / 1000)),
      });
    },
  };
}
