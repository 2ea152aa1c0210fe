import { randomUUID } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import type { SigningKey } from "./keys";
import type { AppRegistration, DemoUser } from "./registry";

export const ACCESS_TOKEN_SECONDS = 3600;

/** Issuers as Entra writes them: v2 for tokens to callscope's API, v1 for Graph's. */
export const issuerV2 = (origin: string, tenantId: string) => `${origin}/${tenantId}/v2.0`;
export const issuerV1 = (origin: string, tenantId: string) => `${origin}/${tenantId}/`;

async function sign(key: SigningKey, payload: JWTPayload, lifetimeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...payload, uti: randomUUID().replace(/-/g, "") })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid })
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key.privateKey);
}

/** An app-only v1 token, the kind Graph receives from the client-credentials flow. */
export function appToken(
  key: SigningKey,
  origin: string,
  app: AppRegistration,
  audience: string,
): Promise<string> {
  return sign(
    key,
    {
      iss: issuerV1(origin, app.tenantId),
      aud: audience,
      tid: app.tenantId,
      appid: app.clientId,
      azp: app.clientId,
      oid: app.clientId,
      sub: app.clientId,
      idtyp: "app",
      ver: "1.0",
      ...(app.graphRoles.length > 0 ? { roles: app.graphRoles } : {}),
    },
    ACCESS_TOKEN_SECONDS,
  );
}

/** A delegated v2 token for callscope's own API, carrying the user's app roles. */
export function userAccessToken(
  key: SigningKey,
  origin: string,
  user: DemoUser,
  client: AppRegistration,
  audience: string,
  scopes: string[],
): Promise<string> {
  return sign(
    key,
    {
      iss: issuerV2(origin, user.tenantId),
      aud: audience,
      tid: user.tenantId,
      oid: user.oid,
      sub: user.oid,
      azp: client.clientId,
      name: user.name,
      preferred_username: user.username,
      scp: scopes.join(" "),
      ver: "2.0",
      ...(user.roles.length > 0 ? { roles: user.roles } : {}),
    },
    ACCESS_TOKEN_SECONDS,
  );
}

export function idToken(
  key: SigningKey,
  origin: string,
  user: DemoUser,
  client: AppRegistration,
  nonce: string | undefined,
): Promise<string> {
  return sign(
    key,
    {
      iss: issuerV2(origin, user.tenantId),
      aud: client.clientId,
      tid: user.tenantId,
      oid: user.oid,
      sub: user.oid,
      name: user.name,
      preferred_username: user.username,
      ver: "2.0",
      // Entra puts assigned app roles in ID tokens too: which is why an API must not accept one.
      ...(user.roles.length > 0 ? { roles: user.roles } : {}),
      ...(nonce ? { nonce } : {}),
    },
    ACCESS_TOKEN_SECONDS,
  );
}

export const clientInfo = (user: DemoUser) =>
  Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tenantId })).toString("base64url");
