import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type CryptoKey,
} from "jose";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** The emulator's token signing key, kept on disk so tokens stay valid across restarts. */
export async function loadSigningKey(path?: string): Promise<SigningKey> {
  let privateJwk: JWK | undefined;
  if (path && existsSync(path)) privateJwk = JSON.parse(readFileSync(path, "utf8")) as JWK;
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
    privateJwk = await exportJWK(privateKey);
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = privateJwk;
  const kid = await calculateJwkThumbprint(publicPart);
  const privateKey = (await importJWK(privateJwk, "RS256")) as CryptoKey;
  return { kid, privateKey, publicJwk: { ...publicPart, kid, use: "sig", alg: "RS256" } };
}
