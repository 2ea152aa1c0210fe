import { crossBundleBrand } from "@/lib/errors/cross-bundle";
import { AuthError } from "@/lib/auth/errors";
import { GraphFailure } from "@/lib/graph/errors";
import { ReportError } from "@/lib/reports/errors";
import { HistoryError } from "@/lib/history/service";
import { AlertError } from "@/lib/alerts/errors";
import { SiteError } from "@/lib/sites/service";

const API_ERROR_BRAND = crossBundleBrand("ApiError");

/** An error the API reports as `{ error: { code, message, requestId } }` with an honest status. */
export class ApiError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return API_ERROR_BRAND.is(value);
  }
  readonly [API_ERROR_BRAND.brand] = true;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { retryAfterSeconds?: number; graphRequestId?: string } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function fromGraphFailure(failure: GraphFailure, callId: string | undefined): ApiError {
  const extra = {
    graphRequestId: failure.details.requestId,
    retryAfterSeconds: failure.details.retryAfterSeconds,
  };
  switch (failure.kind) {
    case "not-found":
      return new ApiError(
        404,
        "call_not_found",
        `Graph has no call record ${callId ? `${callId} ` : ""}in this tenant. Records appear within 30 minutes of the call's end (sometimes up to 150 minutes) and are deleted 30 days after it: if the call ended recently, try again later; if it is older than 30 days, the record is gone (a saved snapshot keeps a copy).`,
        extra,
      );
    case "forbidden":
      return new ApiError(
        403,
        "graph_forbidden",
        "Graph refused callscope's app. It needs the CallRecords.Read.All application permission with admin consent: ask a Global Administrator to grant it under Entra ID → App registrations → callscope → API permissions.",
        extra,
      );
    case "unauthorized":
      return new ApiError(
        502,
        "graph_unauthorized",
        "Graph did not accept callscope's app token. Check that the app registration and tenant in the server settings match, then try again.",
        extra,
      );
    case "credentials":
      return new ApiError(502, "app_credentials", failure.message, extra);
    case "throttled":
      return new ApiError(
        429,
        "graph_throttled",
        `Graph is limiting requests for this call record. Try again in ${extra.retryAfterSeconds ?? 30} seconds; what already loaded stays on screen.`,
        extra,
      );
    case "timeout":
      return new ApiError(
        504,
        "graph_timeout",
        `${failure.message} Try again; if it keeps happening, Graph may be having trouble (check the Microsoft 365 service health page).`,
        extra,
      );
    case "unavailable":
      return new ApiError(502, "graph_unavailable", `${failure.message} Try again in a minute.`, extra);
    case "malformed":
      return new ApiError(
        502,
        "graph_malformed",
        `${failure.message} Reloading will not change this while Graph sends the record in this shape: send the call ID and the request ID to your administrator or to support.`,
        extra,
      );
    case "refused-link":
      return new ApiError(502, "graph_link_refused", failure.message, extra);
    case "too-many-sessions":
      return new ApiError(
        422,
        "too_many_sessions",
        `${failure.message} Raise it on the server to load this call.`,
        extra,
      );
    case "bad-request":
      return new ApiError(400, "graph_bad_request", failure.message, extra);
  }
}

/**
 * The database or the disk under it is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100), the file
 * system's ENOSPC, on the error or its causes. Nothing the user does fixes it, and an operator can.
 */
const OUT_OF_SPACE = new Set(["SQLITE_FULL", "53100", "ENOSPC"]);

function outOfSpace(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  if ("code" in error && OUT_OF_SPACE.has(String(error.code))) return true;
  return "cause" in error && outOfSpace(error.cause, depth + 1);
}

export function toApiError(error: unknown, callId?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (outOfSpace(error))
    return new ApiError(
      503,
      "out_of_space",
      "callscope's server is out of disk space, so it cannot save anything now; nothing you sent was kept. Ask your administrator to free space on the database's disk (or raise its quota), then try again.",
    );
  if (error instanceof SiteError) return new ApiError(error.status, error.code, error.message);
  if (error instanceof HistoryError) return new ApiError(error.status, error.code, error.message);
  if (error instanceof AlertError)
    return new ApiError(error.status, error.code, error.message, {
      retryAfterSeconds: error.retryAfterSeconds,
    });
  if (error instanceof AuthError || error instanceof ReportError)
    return new ApiError(error.status, error.code, error.message, {
      retryAfterSeconds: error.retryAfterSeconds,
    });
  if (error instanceof GraphFailure) return fromGraphFailure(error, callId);
  return new ApiError(
    500,
    "internal_error",
    "callscope hit an unexpected error. Try again; if it repeats, send the request ID to your administrator.",
  );
}
