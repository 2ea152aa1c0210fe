"use client";
import { useId, useState, type FormEvent } from "react";
import { WindowFields } from "@/components/search/window-fields";
import { Button } from "@/components/ui/button";
import type { PhoneLogKind } from "@/lib/callrecords/phone-log";
import { fromLocalInput, toLocalInput, type PhoneLogSearch } from "@/lib/client/search-state";

const field = "rounded-md border border-line-strong bg-surface px-3 py-2 text-sm";

export function PhoneLogForm({
  search,
  onSearch,
}: {
  search: PhoneLogSearch | null;
  onSearch: (search: PhoneLogSearch) => void;
}) {
  const [kind, setKind] = useState<PhoneLogKind>(search?.kind ?? "directRouting");
  const [participant, setParticipant] = useState(search?.participant ?? "");
  const [from, setFrom] = useState(toLocalInput(search?.from ?? null));
  const [to, setTo] = useState(toLocalInput(search?.to ?? null));
  const [failedOnly, setFailedOnly] = useState(search?.failedOnly ?? false);
  const ids = { kind: useId(), person: useId() };

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch({
      kind,
      participant: participant.trim() || null,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
      failedOnly,
    });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-lg border border-line bg-surface p-4"
      aria-label="Search the phone logs"
    >
      <div className="grid gap-3 md:grid-cols-[1fr_2fr_1fr_1fr]">
        <label htmlFor={ids.kind} className="text-sm font-medium">
          Log
          <select
            id={ids.kind}
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as PhoneLogKind)}
            className={`mt-1 block w-full ${field}`}
          >
            <option value="directRouting">Direct Routing</option>
            <option value="pstn">PSTN (Calling Plan, Operator Connect)</option>
          </select>
        </label>
        <label htmlFor={ids.person} className="text-sm font-medium">
          Person <span className="font-normal text-muted">(optional)</span>
          <input
            id={ids.person}
            name="participant"
            value={participant}
            onChange={(event) => setParticipant(event.target.value)}
            placeholder="name@contoso.com, an object ID or a number"
            autoComplete="off"
            spellCheck={false}
            className={`mt-1 block w-full font-mono ${field}`}
          />
        </label>
        <WindowFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="failed"
            checked={failedOnly}
            onChange={(event) => setFailedOnly(event.target.checked)}
          />
          Failed calls only
        </label>
        <Button type="submit" variant="primary">
          Search the log
        </Button>
        <p className="text-xs text-muted">Empty dates: the last 7 days. At most 90 days at once.</p>
      </div>
    </form>
  );
}
