// The generic webhook's signature: `callscope-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, the
// scheme Stripe and GitHub receivers know. The timestamp lets a receiver refuse replays older than it accepts.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "callscope-signature";

export function signBody(secret: string, body: string, atSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${atSeconds}.${body}`).digest("hex");
  return `t=${atSeconds},v1=${mac}`;
}

/** What a receiver does: true when the header matches the body and is no older than `toleranceSeconds`. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const at = Number(parts.t);
  if (!Number.isInteger(at) || Math.abs(nowSeconds - at) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signBody(secret, body, at).split("v1=")[1] ?? "", "hex");
  const given = Buffer.from(parts.v1, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
