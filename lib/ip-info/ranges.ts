import { addressKey, cidr, inCidr, ipv4ToNumber, type Address } from "@/lib/sites/address";

/** What kind of address a network reported, before any database is asked. */
export type AddressKind = "public" | "private" | "microsoft" | "reserved";

const block4 = (text: string): [number, number] => {
  const [ip = "", bits = "32"] = text.split("/");
  const start = ipv4ToNumber(ip) ?? 0;
  return [start, start + 2 ** (32 - Number(bits)) - 1];
};

const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"].map(
  block4,
);
// Teams media relays and transport relays: the Microsoft 365 "Optimize" ranges for Teams media (endpoint set 11).
const MICROSOFT_V4 = ["52.112.0.0/14", "52.120.0.0/14", "13.107.64.0/18"].map(block4);
const MICROSOFT_V6 = ["2603:1063::/38", "2620:1ec:6::/48", "2620:1ec:40::/42"].map(cidr);
// Documentation, benchmarking, multicast and the like: never a real customer's address.
const RESERVED_V4 = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "192.0.2.0/24",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/3",
].map(block4);
// IPv6 ranges as ipaddr.js names them: unique-local (fc00::/7) and link-local (fe80::/10) stay inside a site;
// global unicast and the transition ranges reach the internet; the rest (loopback, multicast, documentation,
// benchmarking, …) never belong to a customer.
const PRIVATE_V6 = new Set(["uniqueLocal", "linkLocal"]);
const PUBLIC_V6 = new Set(["unicast", "6to4", "teredo"]);

const inAny4 = (value: number, blocks: readonly [number, number][]) =>
  blocks.some(([start, end]) => value >= start && value <= end);

function kind4(value: number): AddressKind {
  if (inAny4(value, PRIVATE_V4)) return "private";
  if (inAny4(value, MICROSOFT_V4)) return "microsoft";
  if (inAny4(value, RESERVED_V4)) return "reserved";
  return "public";
}

function kind6(address: Address): AddressKind {
  if (MICROSOFT_V6.some((block) => inCidr(address, block))) return "microsoft";
  if (PRIVATE_V6.has(address.range)) return "private";
  return PUBLIC_V6.has(address.range) ? "public" : "reserved";
}

/** Private, Microsoft relay, reserved or public, for either family; null for what is not an address. */
export function addressKind(text: string): AddressKind | null {
  const key = addressKey(text);
  if (!key) return null;
  return key.family === 4 ? kind4(key.value) : kind6(key.address);
}
