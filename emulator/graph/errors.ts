import type { Context } from "hono";
import type { EmulatorEnv } from "../env";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FaultDecision, FaultInjector } from "../faults";
import type { SkipState, SkipTokens } from "./odata";

/** Graph's error body: `{ error: { code, message, innerError: { request-id, date } } }`. */
export function graphError(
  c: Context<EmulatorEnv>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const requestId = c.get("requestId");
  return c.json(
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString(),
          "request-id": requestId,
          "client-request-id": requestId,
        },
      },
    },
    status,
    headers,
  );
}

/** The `$skiptoken` of a later page, decoded (undefined on a first page), or the 400 Graph sends for a bad one. */
export function readSkipToken(
  c: Context<EmulatorEnv>,
  tokens: SkipTokens,
): { skip: SkipState | undefined } | Response {
  const raw = c.req.query("$skiptoken");
  if (raw === undefined) return { skip: undefined };
  const skip = tokens.decode(raw);
  return skip
    ? { skip }
    : graphError(
        c,
        400,
        "BadRequest",
        "The $skiptoken is invalid or expired. Start again from the first page.",
      );
}

/** The response for an injected 429 or 503, or null to serve the request. */
export function injectedFault(c: Context<EmulatorEnv>, faults: FaultInjector, decision: FaultDecision) {
  if (decision === "429")
    return graphError(c, 429, "TooManyRequests", "Too many requests (injected fault).", {
      "Retry-After": String(faults.current.retryAfterSeconds),
    });
  if (decision === "503")
    return graphError(
      c,
      503,
      "ServiceUnavailable",
      "The service is temporarily unavailable (injected fault).",
    );
  return null;
}
