import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface TlsFiles {
  key: string;
  cert: string;
  /** The system CA bundle plus this certificate: hand it to Node as NODE_EXTRA_CA_CERTS. */
  bundlePath: string;
}

const SYSTEM_BUNDLES = [
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/cert.pem",
];

/** Host names the certificate covers: localhost, and EMULATOR_TLS_HOSTS (e.g. a compose service name). */
function certificateHosts(): string[] {
  const extra = (process.env.EMULATOR_TLS_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  return ["localhost", ...extra];
}

/** A certificate for localhost (and EMULATOR_TLS_HOSTS), made once and reused until it nears expiry. */
export async function ensureCertificate(stateDir: string): Promise<TlsFiles> {
  mkdirSync(stateDir, { recursive: true });
  const keyPath = join(stateDir, "tls-key.pem");
  const certPath = join(stateDir, "tls-cert.pem");
  const bundlePath = join(stateDir, "ca-bundle.pem");
  let fresh = false;
  if (existsSync(keyPath) && existsSync(certPath)) {
    const cert = new X509Certificate(readFileSync(certPath));
    fresh =
      Date.parse(cert.validTo) > Date.now() + 7 * 86_400_000 &&
      certificateHosts().every((host) => cert.subjectAltName?.includes(`DNS:${host}`));
  }
  if (!fresh) {
    const notAfter = new Date(Date.now() + 365 * 86_400_000);
    const pems = await generate([{ name: "commonName", value: "callscope emulator (localhost)" }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate: notAfter,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        {
          name: "keyUsage",
          keyCertSign: true,
          digitalSignature: true,
          keyEncipherment: true,
          critical: true,
        },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            ...certificateHosts().map((host) => ({ type: 2 as const, value: host })),
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    writeFileSync(certPath, pems.cert);
  }
  const cert = readFileSync(certPath, "utf8");
  const system = SYSTEM_BUNDLES.find((path) => existsSync(path));
  const extra =
    process.env.NODE_EXTRA_CA_CERTS &&
    existsSync(process.env.NODE_EXTRA_CA_CERTS) &&
    process.env.NODE_EXTRA_CA_CERTS !== bundlePath
      ? process.env.NODE_EXTRA_CA_CERTS
      : undefined;
  const parts = [system, extra]
    .filter((path): path is string => !!path)
    .map((path) => readFileSync(path, "utf8"));
  writeFileSync(bundlePath, [...new Set(parts)].join("\n") + "\n" + cert);
  return { key: readFileSync(keyPath, "utf8"), cert, bundlePath };
}
