import { decodeJwt, errors, jwtVerify, type CryptoKey } from "jose";
import {
  CALL_RECORDS_ROLE,
  DEMO_TENANT_ID,
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
  OTHER_TENANT_ID,
} from "../entra/registry";
import type { Context } from "hono";
import { issuerV1 } from "../entra/tokens";
import type { EmulatorEnv } from "../env";
import { graphError } from "./errors";

export type GraphAuth =
  | { ok: true; tenantId: string; appId: string }
  | { ok: false; status: 401 | 403; code: string; message: string };

const KNOWN_TENANTS = new Set([DEMO_TENANT_ID, OTHER_TENANT_ID]);

/** Checks a bearer token the way Graph does for CallRecords: an app token, for Graph, with the role. */
export async function authorizeGraph(
  header: string | undefined,
  origin: string,
  publicKey: CryptoKey,
  /** Application permissions that allow the request (any one of them). */
  accepted: readonly string[] = [CALL_RECORDS_ROLE],
): Promise<GraphAuth> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token)
    return { ok: false, status: 401, code: "InvalidAuthenticationToken", message: "Access token is empty." };
  let tid: unknown;
  try {
    tid = decodeJwt(token).tid;
  } catch {
    return {
      ok: false,
      status: 401,
      code: "InvalidAuthenticationToken",
      message: "IDX14100: JWT is not well formed.",
    };
  }
  if (typeof tid !== "string" || !KNOWN_TENANTS.has(tid)) {
    return {
      ok: false,
      status: 401,
      code: "InvalidAuthenticationToken",
      message: "Access token validation failure. Invalid issuer or tenant.",
    };
  }
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      issuer: issuerV1(origin, tid),
      audience: [GRAPH_RESOURCE, GRAPH_APP_ID],
      algorithms: ["RS256"],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (payload.idtyp !== "app" || !accepted.some((role) => roles.includes(role))) {
      return {
        ok: false,
        status: 403,
        code: accepted.includes(CALL_RECORDS_ROLE) ? "Forbidden" : "Authorization_RequestDenied",
        message: `Insufficient privileges to complete the operation. The application needs the ${accepted[0]} application permission with admin consent.`,
      };
    }
    return { ok: true, tenantId: tid, appId: String(payload.appid ?? "") };
  } catch (error) {
    const message =
      error instanceof errors.JWTExpired
        ? "Lifetime validation failed, the token is expired."
        : error instanceof errors.JWTClaimValidationFailed
          ? `Access token validation failure. Invalid ${error.claim}.`
          : "Access token validation failure. Invalid signature.";
    return { ok: false, status: 401, code: "InvalidAuthenticationToken", message };
  }
}

/** The request's app, or Graph's error response for its token: what every Graph route checks first. */
export async function requireGraphApp(
  c: Context<EmulatorEnv>,
  publicKey: CryptoKey,
  accepted: readonly string[] = [CALL_RECORDS_ROLE],
): Promise<{ tenantId: string; appId: string } | Response> {
  const auth = await authorizeGraph(
    c.req.header("authorization"),
    new URL(c.req.url).origin,
    publicKey,
    accepted,
  );
  return auth.ok ? auth : graphError(c, auth.status, auth.code, auth.message);
}
