// Starts a real emulator over HTTPS on a free port, for tests that talk to it over the network.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../emulator/app";
import { loadSigningKey } from "../../emulator/entra/keys";

export interface RunningEmulator extends Emulator {
  url: string;
  close(): Promise<void>;
}

export async function startEmulator(options: Omit<EmulatorOptions, "key"> = {}): Promise<RunningEmulator> {
  const dir = process.env.CALLSCOPE_TEST_TLS_DIR ?? resolve(__dirname, "../../.emulator/test");
  const key = await loadSigningKey(resolve(dir, "signing-key.json"));
  const emulator = await createEmulator({
    key,
    seed: "test",
    now: Date.parse("2026-11-20T12:00:00Z"),
    ...options,
  });
  const server: Server = createServer(
    { key: readFileSync(resolve(dir, "tls-key.pem")), cert: readFileSync(resolve(dir, "tls-cert.pem")) },
    getRequestListener(emulator.app.fetch),
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    ...emulator,
    url: `https://localhost:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
