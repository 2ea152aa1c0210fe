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

/**
 * Tokens already verified, with what they were verified for, until they expire: an RS256 check per request is the
 * emulator's largest cost per page after the latency it is asked to add, and Graph does not charge it either.
 */
const verifiedByKey = new WeakMap<CryptoKey, Map<string, { until: number; auth: GraphAuth }>>();
const VERIFIED_MAX = 1_000;

/** Checks a bearer token the way Graph does for CallRecords: an app token, for Graph, with the role. */
export async function authorizeGraph(
  header: string | undefined,
  origin: string,
  publicKey: CryptoKey,
  /** Application permissions that allow the request (any one of them). */
  accepted: readonly string[] = [CALL_RECORDS_ROLE],
): Promise<GraphAuth> {
  const verified = verifiedByKey.get(publicKey) ?? new Map<string, { until: number; auth: GraphAuth }>();
  verifiedByKey.set(publicKey, verified);
  const key = `${origin} ${accepted.join(",")} ${header ?? ""}`;
  const known = verified.get(key);
  if (known && Date.now() < known.until) return known.auth;
  const auth = await verifyGraph(header, origin, publicKey, accepted);
  const exp = header ? expiryOf(header) : undefined;
  if (auth.ok && exp !== undefined) {
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(key, { until: exp * 1000, auth });
  }
  return auth;
}

function expiryOf(header: string): number | undefined {
  try {
    const exp = decodeJwt(header.replace(/^Bearer\s+/i, "")).exp;
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

async function verifyGraph(
  header: string | undefined,
  origin: string,
  publicKey: CryptoKey,
  accepted: readonly string[],
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
