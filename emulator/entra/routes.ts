import { createHash, randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import type { EmulatorEnv } from "../env";
import { cors } from "hono/cors";
import { decodeProtectedHeader, importX509, jwtVerify } from "jose";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { SigningKey } from "./keys";
import {
  DEMO_USERS,
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
  findApp,
  type AppRegistration,
  type DemoUser,
} from "./registry";
import { ACCESS_TOKEN_SECONDS, appToken, clientInfo, idToken, issuerV2, userAccessToken } from "./tokens";
import { escapeHtml, renderSignedOut, renderUserPicker } from "./pages";

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string | undefined;
  scopes: string[];
  user: DemoUser;
  nonce: string | undefined;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  scopes: string[];
  user: DemoUser;
  nonce?: string;
}

const SESSION_COOKIE = "emulator_entra_session";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function entraError(
  c: Context<EmulatorEnv>,
  status: 400 | 401,
  error: string,
  code: number,
  description: string,
) {
  return c.json(
    {
      error,
      error_description: `AADSTS${code}: ${description}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace("T", " ").replace("Z", ""),
      trace_id: crypto.randomUUID(),
      correlation_id: crypto.randomUUID(),
    },
    status,
  );
}

const origin = (c: Context<EmulatorEnv>) => new URL(c.req.url).origin;
const tenantOf = (c: Context<EmulatorEnv>) => c.req.param("tenant") ?? "";

/** `api://{clientId}/X` or `{clientId}/X` or Graph's resource → the audience and scope names. */
function resolveScopes(
  requested: string[],
): { audience: string; scopes: string[]; api: AppRegistration | undefined } | undefined {
  const resourceScopes = requested.filter(
    (scope) => !["openid", "profile", "offline_access", "email"].includes(scope),
  );
  if (resourceScopes.length === 0) return undefined;
  const resources = new Set(resourceScopes.map((scope) => scope.slice(0, scope.lastIndexOf("/"))));
  if (resources.size !== 1) return undefined;
  const resource = [...resources][0] ?? "";
  const scopes = resourceScopes.map((scope) => scope.slice(scope.lastIndexOf("/") + 1));
  if (resource === GRAPH_RESOURCE || resource === GRAPH_APP_ID)
    return { audience: GRAPH_RESOURCE, scopes, api: undefined };
  const apiId = resource.replace(/^api:\/\//, "");
  const api = findApp(apiId);
  return api ? { audience: api.clientId, scopes, api } : undefined;
}

function allowedRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) &&
      (url.protocol === "http:" || url.protocol === "https:")
    );
  } catch {
    return false;
  }
}

/** Certificates uploaded to app registrations (PEM), by client ID: the credential for client assertions. */
export type CertificateRegistry = Map<string, string[]>;

async function verifyClientAssertion(
  assertion: string,
  client: AppRegistration,
  tokenEndpoint: string,
  certificates: CertificateRegistry,
): Promise<boolean> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    return false;
  }
  if (alg !== "PS256" && alg !== "RS256") return false;
  for (const pem of certificates.get(client.clientId) ?? []) {
    try {
      const { payload } = await jwtVerify(assertion, await importX509(pem, alg), {
        audience: tokenEndpoint,
        issuer: client.clientId,
        subject: client.clientId,
        clockTolerance: 300,
      });
      if (payload.exp) return true;
    } catch {
      // Try the next certificate.
    }
  }
  return false;
}

export function registerEntraRoutes(
  app: Hono<EmulatorEnv>,
  key: SigningKey,
  counters: { tokens: number },
  certificates: CertificateRegistry,
): void {
  const codes = new Map<string, PendingCode>();
  const refreshGrants = new Map<string, RefreshGrant>();

  app.use("/:tenant/*", cors({ origin: (requestOrigin) => requestOrigin, credentials: true }));

  const discovery = (c: Context<EmulatorEnv>) => {
    const tenant = tenantOf(c);
    if (!GUID.test(tenant))
      return entraError(c, 400, "invalid_tenant", 90002, `Tenant '${tenant}' not found.`);
    const base = `${origin(c)}/${tenant}`;
    return c.json({
      issuer: issuerV2(origin(c), tenant),
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment"],
      response_types_supported: ["code"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      code_challenge_methods_supported: ["S256"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      tenant_region_scope: "NA",
      cloud_instance_name: new URL(origin(c)).host,
    });
  };
  app.get("/:tenant/v2.0/.well-known/openid-configuration", discovery);
  app.get("/:tenant/.well-known/openid-configuration", discovery);

  const jwks = (c: Context<EmulatorEnv>) => c.json({ keys: [key.publicJwk] });
  app.get("/:tenant/discovery/v2.0/keys", jwks);
  app.get("/:tenant/discovery/keys", jwks);
  app.get("/common/discovery/instance", (c) => {
    const host = new URL(origin(c)).host;
    return c.json({
      tenant_discovery_endpoint: `${origin(c)}/${DEMO_USERS[0]?.tenantId}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  app.post("/:tenant/oauth2/v2.0/token", async (c) => {
    counters.tokens += 1;
    const tenant = tenantOf(c);
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
    let clientId = field("client_id");
    let secret = field("client_secret");
    const basic = c.req.header("authorization");
    if (basic?.startsWith("Basic ")) {
      const [id, pass] = Buffer.from(basic.slice(6), "base64").toString().split(":");
      clientId ??= decodeURIComponent(id ?? "");
      secret ??= decodeURIComponent(pass ?? "");
    }
    const client = clientId ? findApp(clientId) : undefined;
    if (!client || client.tenantId !== tenant) {
      return entraError(
        c,
        400,
        "unauthorized_client",
        700016,
        `Application with identifier '${clientId ?? ""}' was not found in the directory '${tenant}'.`,
      );
    }
    const requested = (field("scope") ?? "").split(/\s+/).filter(Boolean);
    const grantType = field("grant_type");

    if (grantType === "client_credentials") {
      const assertion = field("client_assertion");
      if (assertion) {
        const endpoint = `${origin(c)}/${tenant}/oauth2/v2.0/token`;
        if (
          field("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" ||
          !(await verifyClientAssertion(assertion, client, endpoint, certificates))
        ) {
          return entraError(
            c,
            401,
            "invalid_client",
            700027,
            "Client assertion failed signature validation: the certificate is not registered on the application.",
          );
        }
      } else if (!secret || secret !== client.secret) {
        return entraError(c, 401, "invalid_client", 7000215, "Invalid client secret provided.");
      }
      const scope = requested[0];
      if (requested.length !== 1 || !scope?.endsWith("/.default")) {
        return entraError(
          c,
          400,
          "invalid_scope",
          1002012,
          "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.",
        );
      }
      const resolved = resolveScopes([scope]);
      if (!resolved)
        return entraError(
          c,
          400,
          "invalid_resource",
          500011,
          `The resource principal named ${scope} was not found in the tenant.`,
        );
      const token = await appToken(key, origin(c), client, resolved.audience);
      return c.json({
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_SECONDS,
        ext_expires_in: ACCESS_TOKEN_SECONDS,
        access_token: token,
      });
    }

    let grant: RefreshGrant;
    if (grantType === "authorization_code") {
      const code = field("code") ?? "";
      const pending = codes.get(code);
      codes.delete(code);
      if (!pending || pending.expiresAt < Date.now() || pending.clientId !== client.clientId) {
        return entraError(
          c,
          400,
          "invalid_grant",
          70008,
          "The provided authorization code or refresh token has expired or was already redeemed.",
        );
      }
      if (pending.redirectUri !== field("redirect_uri"))
        return entraError(
          c,
          400,
          "invalid_grant",
          50148,
          "The redirect_uri does not match the one used to request the code.",
        );
      const verifier = field("code_verifier");
      if (pending.challenge) {
        const computed = verifier ? createHash("sha256").update(verifier).digest("base64url") : "";
        if (computed !== pending.challenge)
          return entraError(
            c,
            400,
            "invalid_grant",
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
          );
      }
      grant = {
        clientId: client.clientId,
        scopes: requested.length > 0 ? requested : pending.scopes,
        user: pending.user,
        nonce: pending.nonce,
      };
    } else if (grantType === "refresh_token") {
      const stored = refreshGrants.get(field("refresh_token") ?? "");
      if (!stored || stored.clientId !== client.clientId) {
        return entraError(
          c,
          400,
          "invalid_grant",
          70008,
          "The provided authorization code or refresh token has expired or was already redeemed.",
        );
      }
      grant = { ...stored, scopes: requested.length > 0 ? requested : stored.scopes };
    } else {
      return entraError(
        c,
        400,
        "unsupported_grant_type",
        70003,
        `The app requested an unsupported grant type '${grantType ?? ""}'.`,
      );
    }

    const resolved = resolveScopes(grant.scopes);
    const refreshToken = randomBytes(32).toString("base64url");
    refreshGrants.set(refreshToken, { clientId: grant.clientId, scopes: grant.scopes, user: grant.user });
    const access = resolved?.api
      ? await userAccessToken(key, origin(c), grant.user, client, resolved.audience, resolved.scopes)
      : await idToken(key, origin(c), grant.user, client, undefined);
    return c.json({
      token_type: "Bearer",
      scope: resolved
        ? resolved.scopes.map((s) => (resolved.api ? `api://${resolved.api.clientId}/${s}` : s)).join(" ")
        : grant.scopes.join(" "),
      expires_in: ACCESS_TOKEN_SECONDS,
      ext_expires_in: ACCESS_TOKEN_SECONDS,
      access_token: access,
      refresh_token: refreshToken,
      id_token: await idToken(key, origin(c), grant.user, client, grant.nonce),
      client_info: clientInfo(grant.user),
    });
  });

  app.get("/:tenant/oauth2/v2.0/authorize", (c) => {
    const tenant = tenantOf(c);
    const q = (name: string) => c.req.query(name);
    const client = findApp(q("client_id") ?? "");
    const redirectUri = q("redirect_uri") ?? "";
    if (!client || !allowedRedirect(redirectUri)) {
      return c.html(
        `<h1>Sign-in error</h1><p>AADSTS50011: unknown client or redirect URI not allowed: ${escapeHtml(redirectUri)}</p>`,
        400,
      );
    }
    const responseMode = q("response_mode") ?? "fragment";
    const reply = (params: Record<string, string>) => {
      const target = new URL(redirectUri);
      const encoded = new URLSearchParams({
        ...params,
        ...(q("state") ? { state: q("state") ?? "" } : {}),
      }).toString();
      return c.redirect(
        responseMode === "query"
          ? `${target.origin}${target.pathname}?${encoded}`
          : `${target.origin}${target.pathname}#${encoded}`,
        302,
      );
    };
    const users = DEMO_USERS.filter((user) => user.tenantId === tenant);
    const hinted = users.find((user) => user.username === q("login_hint"));
    const chosen = users.find((user) => user.oid === q("emulator_user"));
    const sessionUser = users.find((user) => user.oid === getCookie(c, SESSION_COOKIE));
    const user =
      chosen ??
      hinted ??
      (q("prompt") === "select_account" || q("prompt") === "login" ? undefined : sessionUser);
    if (!user) {
      if (q("prompt") === "none")
        return reply({
          error: "login_required",
          error_description: "AADSTS50058: A silent sign-in request was sent but no user is signed in.",
        });
      const url = new URL(c.req.url);
      url.searchParams.delete("prompt");
      return c.html(
        renderUserPicker(users, (oid) => {
          url.searchParams.set("emulator_user", oid);
          return url.pathname + url.search;
        }),
      );
    }
    const code = randomBytes(32).toString("base64url");
    codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      challenge: q("code_challenge"),
      scopes: (q("scope") ?? "").split(/\s+/).filter(Boolean),
      user,
      nonce: q("nonce"),
      expiresAt: Date.now() + 5 * 60_000,
    });
    setCookie(c, SESSION_COOKIE, user.oid, { path: "/", secure: true, sameSite: "None", httpOnly: true });
    return reply({ code, client_info: clientInfo(user) });
  });

  app.get("/:tenant/oauth2/v2.0/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, sameSite: "None" });
    const next = c.req.query("post_logout_redirect_uri");
    if (next && allowedRedirect(next)) return c.redirect(next, 302);
    return c.html(renderSignedOut());
  });
}
