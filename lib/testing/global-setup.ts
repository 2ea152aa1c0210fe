// Vitest global setup: a TLS certificate for the in-process emulators, trusted by the test workers
// through NODE_EXTRA_CA_CERTS (which Node reads only when a process starts, so it is set here first).
import { resolve } from "node:path";
import { ensureCertificate } from "../../emulator/tls";

export default async function setup() {
  const tls = await ensureCertificate(resolve(__dirname, "../../.emulator/test"));
  process.env.NODE_EXTRA_CA_CERTS = tls.bundlePath;
  process.env.CALLSCOPE_TEST_TLS_DIR = resolve(__dirname, "../../.emulator/test");
}
