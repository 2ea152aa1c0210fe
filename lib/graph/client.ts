import "server-only";
import ky, { HTTPError, TimeoutError } from "ky";
import { GraphFailure } from "./errors";

export interface GraphClientOptions {
  getToken: () => Promise<string>;
  timeoutMs: number;
  maxRetries: number;
  /** The most a single call may spend waiting between retries, all waits together. */
  maxWaitMs: number;
  /** Shortest backoff before a retry without Retry-After; tests shrink it. */
  baseDelayMs?: number;
}

export interface GraphResult {
  body: unknown;
  requestId: string | undefined;
  retries: number;
}

const RETRIED = [429, 503, 504];

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** GET against Graph with the app token, polite retries and one typed error per failure. */
export function createGraphClient(options: GraphClientOptions) {
  const baseDelay = options.baseDelayMs ?? 500;

  /** `maxPageSize`: Graph's maximum for the collection asked for (60 for sessions, 130 for participants). */
  return async function graphGet(
    url: string,
    { maxPageSize = 60 }: { maxPageSize?: number } = {},
  ): Promise<GraphResult> {
    const token = await options.getToken();
    const deadline = Date.now() + options.maxWaitMs;
    let retries = 0;
    try {
      const response = await ky.get(url, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          Prefer: `odata.maxpagesize=${maxPageSize}, include-unknown-enum-members`,
        },
        timeout: options.timeoutMs,
        retry: {
          limit: options.maxRetries,
          methods: ["get"],
          statusCodes: RETRIED,
          afterStatusCodes: RETRIED,
          maxRetryAfter: options.maxWaitMs,
          backoffLimit: options.maxWaitMs,
          retryOnTimeout: true,
          jitter: true,
          delay: (attempt) => baseDelay * 2 ** (attempt - 1),
          // Waiting past our budget only to be throttled again helps nobody: give up and say when to retry.
          shouldRetry: ({ error }) => {
            if (error instanceof HTTPError) {
              const wait = retryAfterMs(error.response);
              if (wait !== undefined && Date.now() + wait > deadline) return false;
            }
            if (Date.now() >= deadline) return false;
            return undefined;
          },
        },
        hooks: { beforeRetry: [() => void retries++] },
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new GraphFailure(
          "malformed",
          `Graph sent a response that is not valid JSON (${text.length} bytes, cut short or corrupted).`,
          {
            requestId: response.headers.get("request-id") ?? undefined,
          },
        );
      }
      return { body, requestId: response.headers.get("request-id") ?? undefined, retries };
    } catch (error) {
      throw await toFailure(error, retries);
    }
  };
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
    const requestId = response.headers.get("request-id") ?? undefined;
    let graphCode: string | undefined;
    let graphMessage = "";
    try {
      const body = (await response.clone().json()) as { error?: { code?: string; message?: string } };
      graphCode = body.error?.code;
      graphMessage = body.error?.message ?? "";
    } catch {
      // Not Graph's error shape (a proxy or load balancer answered): the status alone tells enough.
    }
    const details = { status: response.status, graphCode, requestId };
    switch (response.status) {
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
      case 429: {
        const wait = retryAfterMs(response);
        return new GraphFailure(
          "throttled",
          `Graph is throttling requests for this call${retries ? ` (still after ${retries} retries)` : ""}.`,
          {
            ...details,
            retryAfterSeconds: wait === undefined ? 30 : Math.max(1, Math.ceil(wait / 1000)),
          },
        );
      }
      default:
        return new GraphFailure(
          response.status === 504 ? "timeout" : "unavailable",
          `Graph answered ${response.status}${retries ? ` after ${retries} retries` : ""}: ${graphMessage || response.statusText || "server error"}.`,
          details,
        );
    }
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
