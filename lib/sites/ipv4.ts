/** A dotted IPv4 address as an unsigned 32-bit number, or null when it is not one. */
export function ipv4ToNumber(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** The network mask of a CIDR prefix length (1–32) as an unsigned 32-bit number. */
export function prefixMask(bits: number): number {
  return bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
}
