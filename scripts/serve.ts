// Runs the emulator and the built app wired to it: the demo and the end-to-end tests both use this.
//   APP_PORT (3000), EMULATOR_PORT (4010); any EMULATOR_* variable is passed to the emulator.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:https";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DEMO_APP, DEMO_TENANT_ID } from "../emulator/entra/registry";
import { ensureCertificate } from "../emulator/tls";
import { KEEP_ALIVE } from "./keep-alive";

const root = resolve(__dirname, "..");
const appPort = Number(process.env.APP_PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4010);
const stateDir = resolve(root, process.env.EMULATOR_STATE_DIR ?? ".emulator");
const emulatorUrl = `https://localhost:${emulatorPort}`;
// The emulator's SMTP catcher (the demo's mailbox for email alerts).
const smtpPort = Number(process.env.EMULATOR_SMTP_PORT ?? emulatorPort + 15);
const children: ChildProcess[] = [];

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[serve] ${name} stopped (${signal ?? `exit ${code}`}); shutting down.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function waitFor(url: string, ca: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((done, fail) => {
    const attempt = () => {
      const req = request(url, { ca }, (res) => {
        res.resume();
        if (res.statusCode === 200) done();
        else retry();
      });
      req.on("error", retry);
      req.end();
    };
    const retry = () =>
      Date.now() > deadline
        ? fail(new Error(`${url} did not come up in ${timeoutMs / 1000} s`))
        : setTimeout(attempt, 200);
    attempt();
  });
}

let stopping = false;
function stop(code: number) {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 300);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

async function main() {
  const tls = await ensureCertificate(stateDir);
  const tsx = resolve(root, "node_modules/.bin/tsx");
  const next = resolve(root, "node_modules/.bin/next");
  run("emulator", tsx, [resolve(root, "emulator/server.ts")], {
    ...process.env,
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_SMTP_PORT: String(smtpPort),
    EMULATOR_STATE_DIR: stateDir,
  });
  await waitFor(
    `${emulatorUrl}/_emulator/health`,
    readFileSync(resolve(stateDir, "tls-cert.pem"), "utf8"),
    30_000,
  );
  run("app", next, ["start", "--port", String(appPort), ...KEEP_ALIVE], {
    ...process.env,
    NODE_ENV: "production",
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_APP.clientId,
    AZURE_CLIENT_SECRET: DEMO_APP.secret,
    GRAPH_BASE_URL: emulatorUrl,
    AUTHORITY_HOST: emulatorUrl,
    CALLSCOPE_DEMO: process.env.CALLSCOPE_DEMO ?? "true",
    // The feed of new calls: the emulator plays Graph's change notifications back to this app.
    CALLSCOPE_PUBLIC_URL: process.env.CALLSCOPE_PUBLIC_URL ?? `http://localhost:${appPort}`,
    // The emulator's public addresses are documentation ranges: its own small ISP table names them.
    CALLSCOPE_IP_ASN_CSV:
      process.env.CALLSCOPE_IP_ASN_CSV ?? resolve(root, "emulator/data/ip/asn-ipv4-num.csv"),
    CALLSCOPE_IP_COUNTRY_CSV:
      process.env.CALLSCOPE_IP_COUNTRY_CSV ?? resolve(root, "emulator/data/ip/asn-country-ipv4-num.csv"),
    // Alerts: the emulator stands in for a Teams channel's webhook and a mailbox. Its host is allowed (and may be
    // loopback) here only; a real deployment keeps the defaults (the cloud's Teams webhook hosts, public only).
    CALLSCOPE_ALERT_HOSTS: process.env.CALLSCOPE_ALERT_HOSTS ?? `localhost:${emulatorPort}`,
    CALLSCOPE_ALERT_PRIVATE_HOSTS: process.env.CALLSCOPE_ALERT_PRIVATE_HOSTS ?? "localhost",
    CALLSCOPE_SMTP_URL: process.env.CALLSCOPE_SMTP_URL ?? `smtp://localhost:${smtpPort}`,
    CALLSCOPE_SMTP_FROM: process.env.CALLSCOPE_SMTP_FROM ?? "callscope demo <callscope@contoso.example>",
    CALLSCOPE_DEMO_MESSAGES_URL:
      process.env.CALLSCOPE_DEMO_MESSAGES_URL ?? `${emulatorUrl}/_emulator/alerts/messages`,
    // Trust the emulator's certificate in the app without turning TLS checks off.
    NODE_EXTRA_CA_CERTS: tls.bundlePath,
  });
  console.log(
    `\n  callscope is running on demo data: http://localhost:${appPort}\n  (emulator: ${emulatorUrl}; press Ctrl+C to stop)\n`,
  );
}

main().catch((error: unknown) => {
  console.error(`[serve] ${error instanceof Error ? error.message : String(error)}`);
  stop(1);
});
