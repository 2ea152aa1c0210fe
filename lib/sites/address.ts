// IP addresses of either family, as Graph reports them in ipAddress, subnet and reflexiveIPAddress (Teams clients
// on home broadband and mobile networks report IPv6). Parsing is ipaddr.js's; an IPv4-mapped IPv6 address
// (::ffff:198.51.100.7) is its IPv4 address. Values are bigints so one prefix match serves both families.
import ipaddr from "ipaddr.js";

export type Family = 4 | 6;

export interface Address {
  family: Family;
  value: bigint;
  /** ipaddr.js's name for the range the address is in ("unicast", "private", "uniqueLocal", "linkLocal", …). */
  range: string;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** A dotted IPv4 address as an unsigned 32-bit number, or null: the fast path, for the tables' lookups. */
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

/**
 * The key a lookup table needs: an IPv4 address (plain, or IPv4-mapped IPv6) as its 32-bit number, an IPv6
 * address as its full value; null for anything else. IPv4 takes no parsing library: it is every page's case.
 */
export function addressKey(
  text: string,
): { family: 4; value: number } | { family: 6; address: Address } | null {
  const v4 = ipv4ToNumber(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const address = parseAddress(text);
  if (!address) return null;
  return address.family === 4 ? { family: 4, value: Number(address.value) } : { family: 6, address };
}

/** An IPv4 (dotted, four parts) or IPv6 address, or null for anything else ("••••", "", a host name). */
export function parseAddress(text: string | null | undefined): Address | null {
  if (!text) return null;
  const trimmed = text.trim();
  try {
    const v4 = ipv4ToNumber(trimmed);
    if (v4 !== null) return { family: 4, value: BigInt(v4), range: ipaddr.IPv4.parse(trimmed).range() };
    if (!ipaddr.IPv6.isValid(trimmed)) return null;
    const v6 = ipaddr.IPv6.parse(trimmed);
    if (v6.isIPv4MappedAddress()) {
      const mapped = v6.toIPv4Address();
      return { family: 4, value: toBigInt(mapped.toByteArray()), range: mapped.range() };
    }
    return { family: 6, value: toBigInt(v6.toByteArray()), range: v6.range() };
  } catch {
    return null;
  }
}

/** The largest prefix length of a family. */
export const maxPrefix = (family: Family) => BITS[family];

/** The network mask of a prefix length (0 to 32 or 128) for a family. */
export function prefixMaskOf(family: Family, bits: number): bigint {
  const width = BigInt(BITS[family]);
  const all = (1n << width) - 1n;
  return bits <= 0 ? 0n : (all >> (width - BigInt(bits))) << (width - BigInt(bits));
}

/** The address's network for a prefix length: the value with the host bits cleared. */
export function networkOf(address: Address, bits: number): bigint {
  return address.value & prefixMaskOf(address.family, bits);
}

/** Whether `address` lies in `cidr` ("52.112.0.0/14", "2603:1063::/38"). */
export function inCidr(address: Address, cidr: readonly [Address, number]): boolean {
  const [network, bits] = cidr;
  return network.family === address.family && networkOf(address, bits) === network.value;
}

/** A CIDR written in code, parsed once; throws on a typo so a bad constant fails at start, not silently. */
export function cidr(text: string): [Address, number] {
  const [ip = "", bits = ""] = text.split("/");
  const address = parseAddress(ip);
  if (!address) throw new Error(`not a CIDR: ${text}`);
  return [address, Number(bits || maxPrefix(address.family))];
}
