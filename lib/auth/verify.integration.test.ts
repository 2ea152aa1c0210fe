import { resolve } from "node:path";
import { SignJWT, generateKeyPair, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSigningKey, type SigningKey } from "../../emulator/entra/keys";
import { DEMO_APP, DEMO_TENANT_ID, GRAPH_RESOURCE, OTHER_TENANT_ID } from "../../emulator/entra/registry";
import { AuthError } from "./errors";
import { parseServerConfig } from "@/lib/config/schema";
import { startEmulator, type RunningEmulator } from "@/lib/testing/emulator";
import { API_SCOPE } from "@/lib/config/public";
import { INVESTIGATOR_ROLE, READER_ROLE } from "./roles";
import { createTokenVerifier } from "./verify";

let emulator: RunningEmulator;
let key: SigningKey;
let verify: ReturnType<typeof createTokenVerifier>;

beforeAll(async () => {
  emulator = await startEmulator();
  key = await loadSigningKey(
    resolve(process.env.CALLSCOPE_TEST_TLS_DIR ?? ".emulator/test", "signing-key.json"),
  );
  verify = createTokenVerifier(
    parseServerConfig({
      AZURE_TENANT_ID: DEMO_TENANT_ID,
      AZURE_CLIENT_ID: DEMO_APP.clientId,
      AZURE_CLIENT_SECRET: DEMO_APP.secret,
      GRAPH_BASE_URL: emulator.url,
      AUTHORITY_HOST: emulator.url,
    }),
  );
});
afterAll(async () => emulator.close());

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: `${emulator.url}/${DEMO_TENANT_ID}/v2.0`,
  aud: DEMO_APP.clientId,
  tid: DEMO_TENANT_ID,
  oid: "user-1",
  name: "Ada",
  scp: API_SCOPE,
  roles: [INVESTIGATOR_ROLE],
  iat: now(),
  nbf: now(),
  exp: now() + 600,
  ...overrides,
});
const sign = (payload: JWTPayload, signingKey: SigningKey = key) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })
    .sign(signingKey.privateKey);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function refusal(header: string | null): Promise<AuthError> {
  try {
    await verify(header);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error("the token was accepted");
}

describe("API token verification", () => {
  it("accepts a valid token and reads the role", async () => {
    const principal = await verify(`Bearer ${await sign(claims())}`);
    expect(principal).toMatchObject({
      kind: "user",
      oid: "user-1",
      name: "Ada",
      tenantId: DEMO_TENANT_ID,
      seesPersonalData: true,
    });
    const reader = await verify(`Bearer ${await sign(claims({ roles: [READER_ROLE] }))}`);
    expect(reader.seesPersonalData).toBe(false);
  });

  it("accepts a v1 token for the api:// audience", async () => {
    const principal = await verify(
      `Bearer ${await sign(claims({ iss: `${emulator.url}/${DEMO_TENANT_ID}/`, aud: `api://${DEMO_APP.clientId}` }))}`,
    );
    expect(principal.oid).toBe("user-1");
  });

  it.each<[string, () => Promise<string | null>, number, string]>([
    ["no token", async () => null, 401, "no bearer token"],
    ["a malformed token", async () => "Bearer not.a.jwt!", 401, "malformed"],
    [
      "an expired token",
      async () => `Bearer ${await sign(claims({ exp: now() - 3600, iat: now() - 7200, nbf: now() - 7200 }))}`,
      401,
      "expired",
    ],
    ["a token not yet valid", async () => `Bearer ${await sign(claims({ nbf: now() + 3600 }))}`, 401, "nbf"],
    [
      "the wrong audience",
      async () => `Bearer ${await sign(claims({ aud: "11111111-1111-4111-8111-111111111111" }))}`,
      401,
      "aud",
    ],
    [
      "the wrong issuer",
      async () => `Bearer ${await sign(claims({ iss: "https://login.microsoftonline.com/evil/v2.0" }))}`,
      401,
      "iss",
    ],
    [
      "another tenant",
      async () => `Bearer ${await sign(claims({ tid: OTHER_TENANT_ID }))}`,
      401,
      "another tenant",
    ],
    [
      "an unknown signing key",
      async () => {
        const { privateKey } = await generateKeyPair("RS256");
        return `Bearer ${await sign(claims(), { kid: "unknown-kid", privateKey, publicJwk: {} })}`;
      },
      401,
      "unknown key",
    ],
    ["alg: none", async () => `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`, 401, ""],
    [
      "HS256 signed with the public key",
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk));
        return `Bearer ${await new SignJWT(claims()).setProtectedHeader({ alg: "HS256", kid: key.kid }).sign(secret)}`;
      },
      401,
      "RS256",
    ],
    [
      "an ID token (no scp, the app's own audience)",
      async () => `Bearer ${await sign(claims({ scp: undefined, nonce: "n-1" }))}`,
      401,
      "not an access token",
    ],
    [
      "an app-only token for callscope's API",
      async () =>
        `Bearer ${await sign(claims({ scp: undefined, idtyp: "app", roles: [INVESTIGATOR_ROLE] }))}`,
      401,
      "not an access token",
    ],
    [
      "an access token for another scope",
      async () => `Bearer ${await sign(claims({ scp: "User.Read" }))}`,
      401,
      API_SCOPE,
    ],
    [
      "a valid token without a role",
      async () => `Bearer ${await sign(claims({ roles: undefined }))}`,
      403,
      "CallQuality.Reader",
    ],
    [
      "the app's own Graph token",
      async () =>
        `Bearer ${await Promise.resolve(
          emulator.app.request(`${emulator.url}/${DEMO_TENANT_ID}/oauth2/v2.0/token`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({
              grant_type: "client_credentials",
              client_id: DEMO_APP.clientId,
              client_secret: DEMO_APP.secret,
              scope: `${GRAPH_RESOURCE}/.default`,
            }).toString(),
          }),
        ).then(async (r: Response) => ((await r.json()) as { access_token: string }).access_token)}`,
      401,
      "aud",
    ],
  ])("refuses %s", async (_, header, status, why) => {
    const error = await refusal(await header());
    expect(error.status).toBe(status);
    expect(error.code).toBe(status === 401 ? "invalid_token" : "missing_role");
    expect(error.message).toContain(why);
  });
});
