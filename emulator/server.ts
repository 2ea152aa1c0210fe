// Starts the Graph + Entra ID emulator over HTTPS: `tsx emulator/server.ts`.
import { createServer } from "node:https";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createEmulator } from "./app";
import { loadSigningKey } from "./entra/keys";
import { faultsFromEnv } from "./faults";
import { ensureCertificate } from "./tls";

async function main() {
  const port = Number(process.env.EMULATOR_PORT ?? 4010);
  const host = process.env.EMULATOR_HOST ?? "localhost";
  const stateDir = resolve(process.env.EMULATOR_STATE_DIR ?? ".emulator");
  const tls = await ensureCertificate(stateDir);
  const key = await loadSigningKey(resolve(stateDir, "signing-key.json"));
  const emulator = await createEmulator({
    key,
    seed: process.env.EMULATOR_SEED ?? "callscope",
    now: process.env.EMULATOR_NOW ? Date.parse(process.env.EMULATOR_NOW) : Date.now(),
    throttle: process.env.EMULATOR_THROTTLE !== "off",
    faults: faultsFromEnv(process.env.EMULATOR_FAULTS),
    dataDir: process.env.EMULATOR_DATA_DIR ? resolve(process.env.EMULATOR_DATA_DIR) : undefined,
    demoFeed: process.env.EMULATOR_FEED_DEMO === "1",
    log: process.env.EMULATOR_LOG === "1" ? (line) => console.log(`[emulator] ${line}`) : undefined,
  });
  const server = serve(
    {
      fetch: emulator.app.fetch,
      port,
      hostname: host,
      createServer,
      serverOptions: { key: tls.key, cert: tls.cert },
    },
    () => {
      console.log(
        `[emulator] Graph + Entra ID emulator on https://${host}:${port} (throttling ${emulator.throttle.enabled ? "on" : "off"}, ${emulator.store.ids().length} named calls)`,
      );
      console.log(`[emulator] trust bundle: ${tls.bundlePath}`);
    },
  );
  // The demo's mailbox for email alerts: a real SMTP server beside the HTTPS one.
  const smtpPort = Number(process.env.EMULATOR_SMTP_PORT ?? 0);
  const smtp = smtpPort > 0 ? emulator.catcher.smtpServer() : null;
  smtp?.listen(smtpPort, host, () => console.log(`[emulator] SMTP catcher on smtp://${host}:${smtpPort}`));
  const stop = () => {
    smtp?.close();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`[emulator] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
