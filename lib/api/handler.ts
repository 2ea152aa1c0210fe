import "server-only";
import { randomUUID } from "node:crypto";
import type { Principal } from "@/lib/auth/roles";
import { ConfigError } from "@/lib/config/schema";
import { logRequest } from "@/lib/log/request-log";
import type { View } from "@/lib/callrecords/view";
import { newTrace, type RequestTrace } from "./trace";
import { ApiError, toApiError } from "./errors";
import { apiRuntime } from "./runtime";

export interface ApiContext<P> {
  request: Request;
  params: P;
  principal: Principal;
  view: View;
  trace: RequestTrace;
  requestId: string;
  runtime: ReturnType<typeof apiRuntime>;
  /** Lets the log line name the call even when the handler fails. */
  setCallId(callId: string): void;
}

/** Every API response's caching rule and type; a route that sends another type overrides only the type. */
export const BASE_HEADERS = {
  "Cache-Control": "private, no-cache",
  "Content-Type": "application/json; charset=utf-8",
};

export function jsonResponse(
  body: string | Uint8Array<ArrayBuffer>,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, { status, headers: { ...BASE_HEADERS, ...headers } });
}

function errorResponse(error: ApiError, requestId: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (error.status === 401)
    headers["WWW-Authenticate"] =
      `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`;
  if (error.extra.retryAfterSeconds !== undefined && (error.status === 429 || error.status === 503))
    headers["Retry-After"] = String(error.extra.retryAfterSeconds);
  const body = {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.extra.graphRequestId ? { graphRequestId: error.extra.graphRequestId } : {}),
      ...(error.extra.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: error.extra.retryAfterSeconds }
        : {}),
    },
  };
  return jsonResponse(JSON.stringify(body), error.status, headers);
}

/**
 * The one wrapper every /api route goes through: it verifies the caller's token before any Graph
 * work, maps every failure to an honest JSON error, and writes one log line per request.
 */
export function apiRoute<P>(route: string, handler: (context: ApiContext<P>) => Promise<Response>) {
  return async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const requestId = randomUUID();
    const trace = newTrace();
    let callId: string | undefined;
    let principal: Principal | undefined;
    let response: Response;
    let failure: string | undefined;
    try {
      let runtime: ReturnType<typeof apiRuntime>;
      try {
        runtime = apiRuntime();
      } catch (error) {
        if (error instanceof ConfigError)
          throw new ApiError(
            500,
            "server_misconfigured",
            `callscope's server is not configured correctly (${error.variable}). An administrator needs to fix its settings.`,
          );
        throw error;
      }
      principal = await runtime.verify(request.headers.get("authorization"));
      const client =
        principal.kind === "demo"
          ? `demo:${request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local"}`
          : `user:${principal.oid}`;
      const wait = await runtime.limiter.take(client);
      if (wait > 0)
        throw new ApiError(
          429,
          "rate_limited",
          `You are sending requests faster than callscope allows. Wait ${wait} seconds and try again.`,
          { retryAfterSeconds: wait },
        );
      response = await handler({
        request,
        params: await segment.params,
        principal,
        view: runtime.viewFor(principal),
        trace,
        requestId,
        runtime,
        setCallId: (id) => void (callId = id),
      });
      response.headers.set("x-request-id", requestId);
    } catch (error) {
      const apiError = toApiError(error, callId);
      failure =
        apiError.status >= 500 && !(error instanceof ApiError) && error instanceof Error
          ? `${apiError.code}: ${error.message}`
          : apiError.code;
      response = errorResponse(apiError, requestId);
    }
    logRequest({
      route,
      method: request.method,
      status: response.status,
      requestId,
      callId,
      durationMs: Math.round(performance.now() - started),
      upstreamPages: trace.upstreamPages,
      retries: trace.retries,
      cacheHits: trace.cacheHits,
      sharedFetches: trace.sharedFetches,
      graphRequestIds: trace.graphRequestIds.length ? trace.graphRequestIds : undefined,
      user: principal?.oid,
      error: failure,
    });
    return response;
  };
}
