import type { Network } from "@/lib/callrecords/model";
import { Table, Th } from "@/components/ui/table";

/** Hops Graph recorded (only when Microsoft support turned traceroute on for the tenant). */
export function TracerouteTable({ side, network }: { side: string; network: Network | null }) {
  const hops = network?.traceRouteHops ?? [];
  if (hops.length === 0) return null;
  return (
    <Table data-testid={`traceroute-${side.toLowerCase()}`}>
      <caption className="text-left font-medium">Traceroute from the {side.toLowerCase()}</caption>
      <thead className="text-muted">
        <tr>
          <Th>Hop</Th>
          <Th>Address</Th>
          <th>Round trip</th>
        </tr>
      </thead>
      <tbody>
        {hops.map((hop, index) => (
          <tr key={index} className="border-t border-line-faint">
            <td className="py-0.5 pr-4">{hop.hopCount ?? "not numbered"}</td>
            <td className="pr-4 font-mono">{hop.ipAddress ?? "not reported"}</td>
            <td>{hop.roundTripTimeMs === null ? "not reported" : `${hop.roundTripTimeMs} ms`}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
