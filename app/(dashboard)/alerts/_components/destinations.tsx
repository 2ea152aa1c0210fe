"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { DestinationView } from "@/lib/alerts/model";
import { useCreateDestination, useDeleteDestination, useTestDestination } from "@/lib/client/alerts";
import { problemMessage } from "@/lib/client/problem-text";
import { formatDateTime } from "@/lib/format/dates";

const KIND_WORDS = { teams: "Teams channel", email: "Email", webhook: "Webhook (signed)" } as const;
const field = "mt-1 block w-full rounded border border-line-strong bg-field px-2 py-1 text-sm";

function Health({ destination }: { destination: DestinationView }) {
  if (destination.broken)
    return (
      <span className="text-poor-text">
        Broken: failing since {formatDateTime(destination.failingSince ?? 0)}
      </span>
    );
  if (destination.failingSince)
    return <span className="text-warn-text">Failing: {destination.lastError}</span>;
  if (destination.lastOkAt) return <span>Delivered {formatDateTime(destination.lastOkAt)}</span>;
  return <span className="text-muted">Nothing sent yet</span>;
}

export function Destinations({ destinations }: { destinations: DestinationView[] | null }) {
  const create = useCreateDestination();
  const remove = useDeleteDestination();
  const test = useTestDestination();
  const [kind, setKind] = useState<"teams" | "email" | "webhook">("teams");
  const [name, setName] = useState("");
  const [target, setTarget] = useState("");
  const failure = remove.error ?? test.error;
  return (
    <section aria-labelledby="destinations-heading" className="space-y-3">
      <h2 id="destinations-heading" className="text-lg font-semibold">
        Destinations
      </h2>
      {destinations && destinations.length > 0 && (
        <div className="relative overflow-x-auto">
          <Table data-testid="alert-destinations" className="min-w-[42rem]">
            <thead>
              <tr>
                <Th className="whitespace-nowrap">Name</Th>
                <Th className="whitespace-nowrap">Kind</Th>
                <Th className="whitespace-nowrap">Address</Th>
                <Th className="whitespace-nowrap">Health</Th>
                <Th className="whitespace-nowrap">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {destinations.map((destination) => (
                <tr key={destination.id} className="border-t border-line align-top">
                  <Td className="py-2 font-medium">{destination.name}</Td>
                  <Td className="py-2 whitespace-nowrap">{KIND_WORDS[destination.kind]}</Td>
                  <Td className="py-2 break-all">{destination.target}</Td>
                  <Td className="py-2">
                    <Health destination={destination} />
                  </Td>
                  <Td className="py-2 whitespace-nowrap">
                    <div className="flex gap-1">
                      <Button onClick={() => test.mutate(destination.id)} disabled={test.isPending}>
                        Send a test
                      </Button>
                      <Button
                        onClick={() => {
                          if (
                            window.confirm(`Delete "${destination.name}"? Alerts queued for it are not sent.`)
                          )
                            remove.mutate(destination.id);
                        }}
                      >
                        Delete
                      </Button>
                    </div>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {test.isSuccess && (
        <p role="status" className="text-sm">
          Test queued: its delivery appears in the log below within a few seconds.
        </p>
      )}
      {failure && (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(failure)}
        </p>
      )}
      <form
        aria-label="Add a destination"
        className="grid max-w-3xl gap-3 rounded-lg border border-line p-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            kind === "email"
              ? { name, kind, recipients: target.split(/[\s,;]+/).filter(Boolean) }
              : { name, kind, url: target.trim() },
            { onSuccess: () => (setName(""), setTarget("")) },
          );
        }}
      >
        <h3 className="font-medium sm:col-span-2">Add a destination</h3>
        <label className="text-sm font-medium">
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={field}
            required
            maxLength={120}
          />
        </label>
        <label className="text-sm font-medium">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className={field}>
            <option value="teams">Teams channel (Workflows webhook)</option>
            <option value="email">Email</option>
            <option value="webhook">Webhook (HMAC-signed JSON)</option>
          </select>
        </label>
        <label className="text-sm font-medium sm:col-span-2">
          {kind === "email" ? "Recipients (comma-separated)" : "Webhook URL"}
          <input
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            className={`${field} font-mono`}
            required
            autoComplete="off"
            placeholder={
              kind === "email" ? "it-ops@contoso.com" : "https://prod-00.westus.logic.azure.com/workflows/…"
            }
          />
          <span className="mt-1 block text-xs font-normal text-muted">
            {kind === "teams"
              ? 'In the channel: ⋯ → Workflows → "Send webhook alerts to a channel", then paste the URL it gives. It is a secret: callscope shows only its host afterwards.'
              : kind === "webhook"
                ? "callscope signs each post (callscope-signature: t=…,v1=HMAC-SHA256 of “t.body”) with a secret shown once when you add it."
                : "Sent through the server's SMTP relay (CALLSCOPE_SMTP_URL)."}
          </span>
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Checking…" : "Add destination"}
          </Button>
        </div>
        {create.isError && (
          <p role="alert" className="text-sm text-poor-text sm:col-span-2" data-testid="destination-error">
            {problemMessage(create.error)}
          </p>
        )}
        {create.data?.signingSecret && (
          <p role="status" className="text-sm sm:col-span-2">
            Signing secret for {create.data.destination.name} (shown once — keep it with the receiver):{" "}
            <code className="break-all rounded bg-field px-1">{create.data.signingSecret}</code>
          </p>
        )}
      </form>
    </section>
  );
}
