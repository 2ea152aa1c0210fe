// Real local stand-ins for where alerts go: an HTTPS receiver (its own certificate, for names the tests choose)
// and an SMTP server (smtp-server from npm) whose messages are parsed back with mailparser.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { generate } from "selfsigned";
import { SMTPServer } from "smtp-server";

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

export type Reply = {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  holdMs?: number;
  /** Sends the headers, then a byte every this many ms and never ends (a destination that drips). */
  dripMs?: number;
};

export interface HttpsReceiver {
  port: number;
  ca: string;
  received: Received[];
  /** Answers for the next requests, in order; then 202. */
  replies: Reply[];
  /** Called on each request before it is answered (a test can kill a process mid-request). */
  onRequest: ((request: Received) => void) | null;
  close(): Promise<void>;
}

export async function startHttpsReceiver(names: string[] = ["localhost"]): Promise<HttpsReceiver> {
  const pems = await generate([{ name: "commonName", value: "callscope test receiver" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: "127.0.0.1" }],
      },
    ],
  });
  const state: Omit<HttpsReceiver, "port" | "close"> = {
    ca: pems.cert,
    received: [],
    replies: [],
    onRequest: null,
  };
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: Received = {
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      state.received.push(request);
      state.onRequest?.(request);
      const reply = state.replies.shift() ?? { status: 202 };
      const answer = () => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? "");
      };
      if (reply.dripMs) {
        res.writeHead(reply.status, reply.headers ?? {});
        const drip = setInterval(() => res.write("."), reply.dripMs);
        res.on("close", () => clearInterval(drip));
      } else if (reply.holdMs) setTimeout(answer, reply.holdMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export interface SmtpCatcher {
  port: number;
  mails: ParsedMail[];
  /** Refuse the next messages with this SMTP code (e.g. 451 try later, 550 no such mailbox). */
  refuse: { code: number; count: number } | null;
  close(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const state: Omit<SmtpCatcher, "port" | "close"> = { mails: [], refuse: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      if (state.refuse && state.refuse.count > 0) {
        state.refuse.count -= 1;
        stream.resume();
        stream.on("end", () =>
          callback(
            Object.assign(new Error("refused by the test"), { responseCode: state.refuse?.code ?? 451 }),
          ),
        );
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          state.mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return Object.assign(state, {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
