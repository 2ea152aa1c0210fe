import { ipv4ToNumber } from "@/lib/sites/ipv4";

/** What kind of address a network reported, before any database is asked. */
export type AddressKind = "public" | "private" | "microsoft" | "reserved";

const block = (cidr: string): [number, number] => {
  const [ip = "", bits = "32"] = cidr.split("/");
  const start = ipv4ToNumber(ip) ?? 0;
  const size = 2 ** (32 - Number(bits));
  return [start, start + size - 1];
};

const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"].map(
  block,
);
// Teams media relays and transport relays (Microsoft 365 "Optimize" ranges for Teams media).
const MICROSOFT = ["52.112.0.0/14", "52.120.0.0/14", "13.107.64.0/18"].map(block);
// Documentation, benchmarking, multicast and the like: never a real customer's address.
const RESERVED = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "192.0.2.0/24",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/3",
].map(block);

const inAny = (value: number, blocks: readonly [number, number][]) =>
  blocks.some(([start, end]) => value >= start && value <= end);

/** Private, Microsoft relay, reserved or public; null for what is not an IPv4 address. */
export function addressKind(address: string): AddressKind | null {
  const value = ipv4ToNumber(address);
  if (value === null) return null;
  if (inAny(value, PRIVATE)) return "private";
  if (inAny(value, MICROSOFT)) return "microsoft";
  if (inAny(value, RESERVED)) return "reserved";
  return "public";
}
