import type { Network } from "@/lib/callrecords/model";

/** Hops Graph recorded (only when Microsoft support turned traceroute on for the tenant). */
export function TracerouteTable({ side, network }: { side: string; network: Network | null }) {
  const hops = network?.traceRouteHops ?? [];
  if (hops.length === 0) return null;
  return (
    <table className="w-full text-left text-sm" data-testid={`traceroute-${side.toLowerCase()}`}>
      <caption className="text-left font-medium">Traceroute from the {side.toLowerCase()}</caption>
      <thead className="text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-4">Hop</th>
          <th className="pr-4">Address</th>
          <th>Round trip</th>
        </tr>
      </thead>
      <tbody>
        {hops.map((hop, index) => (
          <tr key={index} className="border-t border-slate-100 dark:border-slate-800">
            <td className="py-0.5 pr-4">{hop.hopCount ?? index + 1}</td>
            <td className="pr-4 font-mono">{hop.ipAddress ?? "not reported"}</td>
            <td>{hop.roundTripTimeMs === null ? "not reported" : `${hop.roundTripTimeMs} ms`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
