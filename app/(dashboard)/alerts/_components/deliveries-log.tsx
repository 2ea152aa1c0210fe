"use client";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { STATUS_WORDS, type DeliveryStatus } from "@/lib/alerts/model";
import { useDeliveries, useResend } from "@/lib/client/alerts";
import { problemMessage } from "@/lib/client/problem-text";
import { formatDateTime } from "@/lib/format/dates";

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  queued: "text-muted",
  sending: "text-muted",
  sent: "text-good-fg",
  failed: "text-poor-text",
  unsure: "text-warn-text",
};

export function DeliveriesLog() {
  const deliveries = useDeliveries();
  const resend = useResend();
  const rows = deliveries.data?.deliveries ?? [];
  return (
    <section aria-labelledby="deliveries-heading" className="space-y-2">
      <h2 id="deliveries-heading" className="text-lg font-semibold">
        Delivery log
      </h2>
      {deliveries.isError ? (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(deliveries.error)}
        </p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted">{deliveries.isPending ? "Loading…" : "Nothing sent yet."}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <Table data-testid="alert-deliveries" className="min-w-[56rem]">
            <thead>
              <tr>
                <Th className="whitespace-nowrap">When</Th>
                <Th className="whitespace-nowrap">Rule</Th>
                <Th className="whitespace-nowrap">Alert</Th>
                <Th className="whitespace-nowrap">Destination</Th>
                <Th className="whitespace-nowrap">Status</Th>
                <Th className="whitespace-nowrap">Attempts</Th>
                <Th className="whitespace-nowrap">Last answer</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-line align-top">
                  <Td className="py-2 whitespace-nowrap">{formatDateTime(row.createdAt)}</Td>
                  <Td className="py-2">{row.ruleName}</Td>
                  <Td className="py-2 min-w-48">
                    {row.title}
                    {row.alerts > 1 && (
                      <span className="block text-xs text-muted">in a digest of {row.alerts}</span>
                    )}
                  </Td>
                  <Td className="py-2">{row.destinationName}</Td>
                  <Td className={`py-2 whitespace-nowrap ${STATUS_CLASS[row.status]}`}>
                    {STATUS_WORDS[row.status]}
                    {row.status === "queued" && row.dueAt > deliveries.dataUpdatedAt + 5_000 && (
                      <span className="block text-xs">next try {formatDateTime(row.dueAt)}</span>
                    )}
                    {(row.status === "failed" || row.status === "unsure") && (
                      <Button className="mt-1 block" onClick={() => resend.mutate(row.id)}>
                        Send again
                      </Button>
                    )}
                  </Td>
                  <Td className="py-2">{row.attempts}</Td>
                  <Td className="py-2 min-w-48 break-words text-xs">
                    {row.lastStatus !== null && <span className="font-mono">{row.lastStatus} </span>}
                    {row.lastError ?? (row.sentAt ? `delivered ${formatDateTime(row.sentAt)}` : "")}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {resend.isError && (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(resend.error)}
        </p>
      )}
    </section>
  );
}
