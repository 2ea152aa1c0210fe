import { createHash, randomBytes } from "node:crypto";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { DEMO_APP, DEMO_USERS, GRAPH_RESOURCE, UNCONSENTED_APP } from "./entra/registry";
import { ORIGIN, testEmulator } from "./testing";

const tenant = DEMO_APP.tenantId;
const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("Entra ID emulator", () => {
  it("publishes OIDC discovery and the keys its tokens verify against", async () => {
    const emu = await testEmulator();
    const discovery = (await (
      await emu.request(`/${tenant}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(`${ORIGIN}/${tenant}/v2.0`);
    expect(discovery.token_endpoint).toBe(`${ORIGIN}/${tenant}/oauth2/v2.0/token`);
    const jwks = (await (await emu.request(new URL(discovery.jwks_uri ?? "").pathname)).json()) as {
      keys: never[];
    };
    const token = await emu.token();
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
      audience: GRAPH_RESOURCE,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.tid).toBe(tenant);
    expect(payload.roles).toEqual(["CallRecords.Read.All", "User.ReadBasic.All"]);
    expect(payload.exp).toBeGreaterThan(payload.nbf as number);
  });

  it("refuses a wrong secret, an unknown client and a scope without /.default", async () => {
    const emu = await testEmulator();
    const url = `/${tenant}/oauth2/v2.0/token`;
    const wrong = await emu.request(
      url,
      form({
        grant_type: "client_credentials",
        client_id: DEMO_APP.clientId,
        client_secret: "nope",
        scope: `${GRAPH_RESOURCE}/.default`,
      }),
    );
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error_codes: number[] }).error_codes).toEqual([7000215]);
    const unknown = await emu.request(
      url,
      form({
        grant_type: "client_credentials",
        client_id: "11111111-1111-4111-8111-111111111111",
        client_secret: "x",
        scope: `${GRAPH_RESOURCE}/.default`,
      }),
    );
    expect(unknown.status).toBe(400);
    const scope = await emu.request(
      url,
      form({
        grant_type: "client_credentials",
        client_id: DEMO_APP.clientId,
        client_secret: DEMO_APP.secret,
        scope: "User.Read",
      }),
    );
    expect(((await scope.json()) as { error: string }).error).toBe("invalid_scope");
    const noConsent = decodeJwt(await emu.token(UNCONSENTED_APP));
    expect(noConsent.roles).toBeUndefined();
  });

  it("signs in a chosen demo user with authorization code + PKCE, then refreshes", async () => {
    const emu = await testEmulator();
    const user = DEMO_USERS[1];
    if (!user) throw new Error("no demo user");
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const redirect = "http://localhost:3000/auth/redirect";
    const scope = `api://${DEMO_APP.clientId}/CallRecords.View openid profile offline_access`;
    const picker = await emu.request(
      `/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DEMO_APP.clientId, redirect_uri: redirect, response_type: "code", scope, code_challenge: challenge, code_challenge_method: "S256", state: "s1" })}`,
    );
    expect(await picker.text()).toContain(user.name);
    const authorize = await emu.request(
      `/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DEMO_APP.clientId, redirect_uri: redirect, response_type: "code", scope, code_challenge: challenge, code_challenge_method: "S256", state: "s1", response_mode: "query", login_hint: user.username })}`,
    );
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get("location") ?? "");
    expect(location.searchParams.get("state")).toBe("s1");
    const code = location.searchParams.get("code") ?? "";

    const bad = await emu.request(
      `/${tenant}/oauth2/v2.0/token`,
      form({
        grant_type: "authorization_code",
        client_id: DEMO_APP.clientId,
        code,
        redirect_uri: redirect,
        code_verifier: "wrong",
        scope,
      }),
    );
    expect(bad.status).toBe(400);
    // The code was spent by the failed attempt, as Entra does: sign in again for a fresh one.
    const again = await emu.request(
      `/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DEMO_APP.clientId, redirect_uri: redirect, response_type: "code", scope, code_challenge: challenge, code_challenge_method: "S256", response_mode: "query", login_hint: user.username })}`,
    );
    const code2 = new URL(again.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const tokens = (await (
      await emu.request(
        `/${tenant}/oauth2/v2.0/token`,
        form({
          grant_type: "authorization_code",
          client_id: DEMO_APP.clientId,
          code: code2,
          redirect_uri: redirect,
          code_verifier: verifier,
          scope,
        }),
      )
    ).json()) as Record<string, string>;
    const access = decodeJwt(tokens.access_token ?? "");
    expect(access.aud).toBe(DEMO_APP.clientId);
    expect(access.iss).toBe(`${ORIGIN}/${tenant}/v2.0`);
    expect(access.roles).toEqual(user.roles);
    expect(access.scp).toBe("CallRecords.View");
    expect(decodeJwt(tokens.id_token ?? "").preferred_username).toBe(user.username);

    const refreshed = (await (
      await emu.request(
        `/${tenant}/oauth2/v2.0/token`,
        form({
          grant_type: "refresh_token",
          client_id: DEMO_APP.clientId,
          refresh_token: tokens.refresh_token ?? "",
          scope,
        }),
      )
    ).json()) as Record<string, string>;
    expect(decodeJwt(refreshed.access_token ?? "").oid).toBe(user.oid);
  });

  it("answers a silent sign-in with login_required when nobody is signed in", async () => {
    const emu = await testEmulator();
    const response = await emu.request(
      `/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: DEMO_APP.clientId, redirect_uri: "http://localhost:3000/r", response_type: "code", scope: "openid", prompt: "none", state: "x" })}`,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("error=login_required");
  });
});
