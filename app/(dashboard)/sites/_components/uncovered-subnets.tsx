"use client";
import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import { problemMessage } from "@/lib/client/problem-text";
import { useUncoveredSubnets } from "@/lib/client/sites";

/** Subnets seen in calls that no site covers: the gaps in the building file. */
export function UncoveredSubnets() {
  const uncovered = useUncoveredSubnets(true);
  return (
    <section aria-labelledby="uncovered-heading" className="space-y-2">
      <h2 id="uncovered-heading" className="text-lg font-semibold">
        Subnets no site covers
      </h2>
      <p className="text-sm text-muted">
        Subnets seen in the calls callscope has read from Graph that no line of the building file holds, most
        recently seen first. Add them to the file so their calls are named by site.
      </p>
      {uncovered.isPending ? (
        <p role="status">Loading…</p>
      ) : uncovered.isError ? (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(uncovered.error)}
        </p>
      ) : uncovered.data.subnets.length === 0 ? (
        <p className="text-sm">Every subnet seen so far is covered by a site.</p>
      ) : (
        <Table data-testid="uncovered-subnets">
          <thead className="text-muted">
            <tr>
              <Th>Subnet</Th>
              <Th>Last seen</Th>
              <Th>In call</Th>
            </tr>
          </thead>
          <tbody>
            {uncovered.data.subnets.map((entry) => (
              <tr key={entry.subnet} className="border-t border-line-faint">
                <Td className="font-mono text-xs">{entry.subnet}</Td>
                <Td>{formatDateTime(entry.lastSeen, false)}</Td>
                <Td>
                  <Link href={`/calls/${entry.lastCallId}`} className="font-mono text-xs underline">
                    {entry.lastCallId.slice(0, 8)}
                  </Link>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
