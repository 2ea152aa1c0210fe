import "server-only";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { isMicrosoftAuthority } from "@/lib/config/clouds";
import type { ServerConfig } from "@/lib/config/schema";
import { AuthError } from "./errors";
import { API_SCOPE } from "@/lib/config/public";
import { INVESTIGATOR_ROLE, READER_ROLE, type Principal } from "./roles";

const invalid = (why: string) =>
  new AuthError(401, "invalid_token", `Your sign-in is not valid (${why}). Sign in again.`);

/** Verifies bearer tokens for callscope's own API: signature, algorithm, issuer, audience, tenant, lifetime, role. */
export function createTokenVerifier(config: ServerConfig) {
  const jwks = createRemoteJWKSet(new URL(`${config.authorityHost}/${config.tenantId}/discovery/v2.0/keys`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 6 * 3_600_000,
  });
  // v2 tokens name the authority; v1 tokens name sts.windows.net on Microsoft's clouds.
  const issuers = [
    `${config.authorityHost}/${config.tenantId}/v2.0`,
    isMicrosoftAuthority(config.authorityHost)
      ? `https://sts.windows.net/${config.tenantId}/`
      : `${config.authorityHost}/${config.tenantId}/`,
  ];
  const audiences = [config.apiAudience, `api://${config.apiAudience}`];

  return async function verify(authorization: string | null): Promise<Principal> {
    const token = authorization?.match(/^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/)?.[1];
    if (!authorization) throw invalid("no bearer token was sent");
    if (!token) throw invalid("the bearer token is malformed");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ["RS256"],
        issuer: issuers,
        audience: audiences,
        clockTolerance: 60,
        requiredClaims: ["exp", "iat", "tid"],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw invalid("it has expired");
      if (error instanceof errors.JWTClaimValidationFailed)
        throw invalid(`its "${error.claim}" claim is not accepted here`);
      if (error instanceof errors.JWKSNoMatchingKey) throw invalid("it was signed by an unknown key");
      if (error instanceof errors.JOSEAlgNotAllowed)
        throw invalid("it uses a signing algorithm other than RS256");
      if (
        error instanceof errors.JWKSTimeout ||
        (error instanceof errors.JOSEError && error.code === "ERR_JOSE_GENERIC")
      ) {
        throw new AuthError(
          503,
          "identity_unavailable",
          "callscope could not reach Entra ID to check your sign-in. Try again in a minute.",
        );
      }
      throw invalid("its signature does not verify");
    }
    if (payload.tid !== config.tenantId) throw invalid("it was issued for another tenant");
    // An ID token carries the same audience and roles but is proof of sign-in, not permission to call an
    // API; an app-only token acts for no user. Only a delegated access token for callscope's scope will do.
    if (payload.idtyp === "app" || typeof payload.scp !== "string")
      throw invalid(
        "it is not an access token for callscope's API (an ID token or an app-only token was sent)",
      );
    if (!payload.scp.split(" ").includes(API_SCOPE))
      throw invalid(`it does not grant the ${API_SCOPE} scope`);
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === "string")
      : [];
    if (!roles.includes(READER_ROLE) && !roles.includes(INVESTIGATOR_ROLE)) {
      throw new AuthError(
        403,
        "missing_role",
        `Your account is signed in but has no callscope role. Ask your administrator to assign you ${READER_ROLE} or ${INVESTIGATOR_ROLE} on the callscope app in Entra ID (Enterprise applications → callscope → Users and groups).`,
      );
    }
    return {
      kind: "user",
      oid: String(payload.oid ?? payload.sub ?? ""),
      name: typeof payload.name === "string" ? payload.name : "Signed-in user",
      username: typeof payload.preferred_username === "string" ? payload.preferred_username : null,
      tenantId: config.tenantId,
      roles,
      seesPersonalData: roles.includes(INVESTIGATOR_ROLE),
    };
  };
}
