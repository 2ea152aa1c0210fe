import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import ky, { HTTPError, TimeoutError } from "ky";
import { GraphFailure } from "./errors";
import { httpGet, HttpTimeout, type HttpAnswer } from "./http-get";

export interface GraphClientOptions {
  getToken: () => Promise<string>;
  timeoutMs: number;
  maxRetries: number;
  /** The most a single call may spend waiting between retries, all waits together. */
  maxWaitMs: number;
  /** Shortest backoff before a retry without Retry-After; tests shrink it. */
  baseDelayMs?: number;
}

export interface GraphGetOptions {
  maxPageSize?: number;
  beforeParse?: (bytes: Buffer) => boolean;
}

export interface GraphResult {
  body: unknown;
  requestId: string | undefined;
  retries: number;
}

const RETRIED = [429, 503, 504];

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Full jitter over an exponential backoff (as ky computes it for the sender below), at most `limit`. */
const backoff = (base: number, attempt: number, limit: number) =>
  Math.min(limit, Math.random() * base * 2 ** (attempt - 1));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GET against Graph with the app token, polite retries and one typed error per failure. */
export function createGraphClient(options: GraphClientOptions) {
  const baseDelay = options.baseDelayMs ?? 500;

  /**
   * `maxPageSize`: Graph's maximum for the collection asked for (60 for sessions, 130 for participants).
   * `beforeParse`: sees the body's bytes before they are decoded and parsed; when it returns true (it started something, such as
   * the next page's request), the parse waits a turn of the event loop so that work goes out first.
   * Retries 429/503/504, timeouts and broken connections: after `Retry-After` when Graph sends one (giving up
   * when that is past the call's budget of waiting), else after a jittered exponential backoff.
   */
  return async function graphGet(
    url: string,
    { maxPageSize = 60, beforeParse }: GraphGetOptions = {},
  ): Promise<GraphResult> {
    const token = await options.getToken();
    const deadline = Date.now() + options.maxWaitMs;
    const headers = {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      Prefer: `odata.maxpagesize=${maxPageSize}, include-unknown-enum-members`,
    };
    for (let retries = 0; ; retries++) {
      const canRetry = retries < options.maxRetries && Date.now() < deadline;
      let answer: HttpAnswer;
      try {
        answer = await httpGet(url, headers, options.timeoutMs);
      } catch (error) {
        if (canRetry) {
          await sleep(backoff(baseDelay, retries + 1, options.maxWaitMs));
          continue;
        }
        if (error instanceof HttpTimeout)
          throw new GraphFailure(
            "timeout",
            `Graph did not answer in time${retries ? ` (after ${retries} retries)` : ""}.`,
          );
        const message = error instanceof Error ? error.message : String(error);
        throw new GraphFailure("unavailable", `Could not reach Graph: ${message}.`);
      }
      const requestId = header(answer, "request-id");
      if (answer.status >= 200 && answer.status < 300) {
        if (beforeParse?.(answer.bytes)) await nextTurn();
        try {
          return { body: JSON.parse(answer.text) as unknown, requestId, retries };
        } catch {
          throw new GraphFailure(
            "malformed",
            `Graph sent a response that is not valid JSON (${answer.text.length} bytes, cut short or corrupted).`,
            { requestId },
          );
        }
      }
      const after = retryAfterMs(header(answer, "retry-after"));
      if (RETRIED.includes(answer.status) && canRetry) {
        // Waiting past our budget only to be throttled again helps nobody: give up and say when to retry.
        if (after === undefined || Date.now() + after <= deadline) {
          await sleep(after ?? backoff(baseDelay, retries + 1, options.maxWaitMs));
          continue;
        }
      }
      throw failureOf(answer.status, answer.text, requestId, after, retries);
    }
  };
}

const header = (answer: HttpAnswer, name: string): string | undefined => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Graph's error answer as one typed failure: its code and message when it sent its own error shape. */
function failureOf(
  status: number,
  text: string,
  requestId: string | undefined,
  retryAfter: number | undefined,
  retries: number,
): GraphFailure {
  let graphCode: string | undefined;
  let graphMessage = "";
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    graphCode = body.error?.code;
    graphMessage = body.error?.message ?? "";
  } catch {
    // Not Graph's error shape (a proxy or load balancer answered): the status alone tells enough.
  }
  const details = { status, graphCode, requestId };
  switch (status) {
    case 400:
      return new GraphFailure(
        "bad-request",
        `Graph rejected the request: ${graphMessage || "bad request"}.`,
        details,
      );
    case 401:
      return new GraphFailure(
        "unauthorized",
        `Graph did not accept callscope's app token: ${graphMessage || "unauthorized"}.`,
        details,
      );
    case 403:
      return new GraphFailure("forbidden", `Graph refused access: ${graphMessage || "forbidden"}`, details);
    case 404:
      return new GraphFailure("not-found", graphMessage || "Graph has no such call record.", details);
    case 429:
      return new GraphFailure(
        "throttled",
        `Graph is throttling requests for this call${retries ? ` (still after ${retries} retries)` : ""}.`,
        {
          ...details,
          retryAfterSeconds: retryAfter === undefined ? 30 : Math.max(1, Math.ceil(retryAfter / 1000)),
        },
      );
    default:
      return new GraphFailure(
        status === 504 ? "timeout" : "unavailable",
        `Graph answered ${status}${retries ? ` after ${retries} retries` : ""}: ${graphMessage || "server error"}.`,
        details,
      );
  }
}

async function toFailure(error: unknown, retries: number): Promise<GraphFailure> {
  if (error instanceof GraphFailure) return error;
  if (error instanceof TimeoutError) {
    return new GraphFailure(
      "timeout",
      `Graph did not answer in time${retries ? ` (after ${retries} retries)` : ""}.`,
    );
  }
  if (error instanceof HTTPError) {
    const { response } = error;
    const text = await response
      .clone()
      .text()
      .catch(() => "");
    return failureOf(
      response.status,
      text,
      response.headers.get("request-id") ?? undefined,
      retryAfterMs(response.headers.get("retry-after") ?? undefined),
      retries,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GraphFailure("unavailable", `Could not reach Graph: ${message}.`);
}

/**
 * GET / POST / PATCH / DELETE against Graph with the app token (subscriptions). Retried only on 429/503/504,
 * which Graph answers before doing anything; the body of 204 is null.
 */
export function createGraphSender(options: GraphClientOptions) {
  const baseDelay = options.baseDelayMs ?? 500;
  return async function graphSend(
    method: "get" | "post" | "patch" | "delete",
    url: string,
    json?: unknown,
  ): Promise<GraphResult> {
    const token = await options.getToken();
    let retries = 0;
    try {
      const response = await ky(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        ...(json === undefined ? {} : { json }),
        // Graph validates the notification URL while the POST waits: allow for its 10 s handshake.
        timeout: Math.max(options.timeoutMs, 15_000),
        retry: {
          limit: options.maxRetries,
          methods: [method],
          statusCodes: RETRIED,
          afterStatusCodes: RETRIED,
          maxRetryAfter: options.maxWaitMs,
          backoffLimit: options.maxWaitMs,
          retryOnTimeout: false,
          jitter: true,
          delay: (attempt) => baseDelay * 2 ** (attempt - 1),
        },
        hooks: { beforeRetry: [() => void retries++] },
      });
      const text = await response.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new GraphFailure("malformed", "Graph sent a response that is not valid JSON.");
        }
      }
      return { body, requestId: response.headers.get("request-id") ?? undefined, retries };
    } catch (error) {
      throw await toFailure(error, retries);
    }
  };
}

export type GraphSend = ReturnType<typeof createGraphSender>;
