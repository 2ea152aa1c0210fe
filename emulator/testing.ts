// Helpers for the emulator's own tests: an in-process emulator and tokens from its Entra endpoint.
import { resolve } from "node:path";
import { createEmulator, type EmulatorOptions } from "./app";
import { loadSigningKey } from "./entra/keys";
import { DEMO_APP, GRAPH_RESOURCE, type AppRegistration } from "./entra/registry";

export const ORIGIN = "https://localhost:4010";

export async function testEmulator(options: Omit<EmulatorOptions, "key"> = {}) {
  const key = await loadSigningKey(
    resolve(process.env.CALLSCOPE_TEST_TLS_DIR ?? ".emulator/test", "signing-key.json"),
  );
  const emulator = await createEmulator({
    key,
    seed: "test",
    now: Date.parse("2026-11-20T12:00:00Z"),
    throttle: false,
    ...options,
  });
  const request = (path: string, init?: RequestInit) => emulator.app.request(`${ORIGIN}${path}`, init);
  async function token(
    app: AppRegistration = DEMO_APP,
    scope = `${GRAPH_RESOURCE}/.default`,
  ): Promise<string> {
    const response = await request(`/${app.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: app.clientId,
        client_secret: app.secret,
        scope,
      }).toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
    return body.access_token;
  }
  return { ...emulator, request, token, key };
}
