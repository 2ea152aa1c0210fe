// The demo's stand-ins for where alerts go: a Teams channel's Workflows webhook (it checks the envelope and the
// card's required fields as Teams would, then answers 202 like Power Automate) and a mailbox behind a real SMTP
// server (smtp-server from npm). What they received is listed at GET /_emulator/alerts/messages.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Hono } from "hono";
import type { EmulatorEnv } from "../env";

export interface CaughtTeams {
  channel: string;
  at: string;
  card: Record<string, unknown>;
}
export interface CaughtEmail {
  at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

const KEPT = 200;

/** Why a Workflows payload would not post, or null: the envelope and the card fields Teams needs. */
export function workflowProblem(body: unknown): string | null {
  const message = body as { type?: unknown; attachments?: unknown };
  if (message?.type !== "message") return 'type must be "message"';
  if (!Array.isArray(message.attachments) || message.attachments.length === 0) return "attachments is empty";
  for (const attachment of message.attachments as {
    contentType?: unknown;
    content?: Record<string, unknown>;
  }[]) {
    if (attachment.contentType !== "application/vnd.microsoft.card.adaptive")
      return "attachments[].contentType must be application/vnd.microsoft.card.adaptive";
    const card = attachment.content;
    if (card?.type !== "AdaptiveCard") return 'content.type must be "AdaptiveCard"';
    if (typeof card.version !== "string") return "content.version is required";
  }
  return null;
}

export class MessageCatcher {
  readonly teams: CaughtTeams[] = [];
  readonly email: CaughtEmail[] = [];
  /** Answers the next posts with this status (tests: 503, 429 with Retry-After). */
  failNext: { status: number; count: number; retryAfter?: string } | null = null;

  routes(app: Hono<EmulatorEnv>) {
    app.post("/_emulator/teams/workflows/:channel", async (c) => {
      if (this.failNext && this.failNext.count > 0) {
        this.failNext.count -= 1;
        if (this.failNext.retryAfter) c.header("Retry-After", this.failNext.retryAfter);
        return c.json({ error: { code: "Throttled", message: "try later" } }, this.failNext.status as 503);
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: { code: "InvalidRequestContent", message: "The body is not JSON." } }, 400);
      }
      const problem = workflowProblem(body);
      if (problem) return c.json({ error: { code: "InvalidRequestContent", message: problem } }, 400);
      const card =
        (body as { attachments: { content: Record<string, unknown> }[] }).attachments[0]?.content ?? {};
      this.teams.unshift({ channel: c.req.param("channel"), at: new Date().toISOString(), card });
      this.teams.splice(KEPT);
      return c.body(null, 202);
    });
    app.get("/_emulator/alerts/messages", (c) => c.json({ teams: this.teams, email: this.email }));
    app.delete("/_emulator/alerts/messages", (c) => {
      this.teams.length = 0;
      this.email.length = 0;
      return c.json({ ok: true });
    });
    app.put("/_emulator/alerts/fail", async (c) => {
      this.failNext = (await c.req.json()) as MessageCatcher["failNext"];
      return c.json({ ok: true });
    });
  }

  /** A plain SMTP server (no TLS, any sender) that keeps what it is sent. */
  smtpServer(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
            this.email.unshift({
              at: new Date().toISOString(),
              from: mail.from?.text ?? "",
              to: to.flatMap((entry) => entry.value.map((address) => address.address ?? "")),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
            });
            this.email.splice(KEPT);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }
}
