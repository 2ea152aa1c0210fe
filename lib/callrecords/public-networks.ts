import type { Network, PublicNetwork, Session } from "./model";

export type PublicLookup = (address: string | null) => PublicNetwork | null;

/** Every network of the sessions with what is known of its public address (ISP, country), looked up once. */
export function withPublicNetworks(sessions: readonly Session[], lookup: PublicLookup): Session[] {
  const annotate = (network: Network | null): Network | null =>
    network ? { ...network, publicNetwork: lookup(network.reflexiveIPAddress ?? network.ipAddress) } : null;
  return sessions.map((session) => ({
    ...session,
    segments: session.segments.map((segment) => ({
      ...segment,
      media: segment.media.map((media) => ({
        ...media,
        callerNetwork: annotate(media.callerNetwork),
        calleeNetwork: annotate(media.calleeNetwork),
      })),
    })),
  }));
}

/** "Example Cable (AS64501), PT" · "Microsoft relay" · "private address" */
export function describePublicNetwork(network: PublicNetwork | null): string | null {
  if (!network) return null;
  if (network.kind === "private") return "private address";
  if (network.kind === "microsoft") return "Microsoft network";
  if (network.kind === "reserved") return "reserved address";
  const owner = network.org
    ? `${network.org}${network.asn ? ` (AS${network.asn})` : ""}`
    : network.asn
      ? `AS${network.asn}`
      : "unknown ISP";
  return network.country ? `${owner}, ${network.country}` : owner;
}
