"use client";
import { useId, useState, type FormEvent } from "react";
import { WindowFields } from "@/components/search/window-fields";
import { Button } from "@/components/ui/button";
import { CALL_TYPE_LABELS } from "@/lib/callrecords/describe";
import {
  CALL_TYPES,
  MODALITIES,
  fromLocalInput,
  toLocalInput,
  type CallSearch,
} from "@/lib/client/search-state";
import type { DemoPerson } from "@/lib/demo/people";

const MODALITY_LABELS: Record<(typeof MODALITIES)[number], string> = {
  audio: "Audio",
  video: "Video",
  screenSharing: "Screen sharing",
  videoBasedScreenSharing: "Video-based screen sharing",
  data: "Data",
};

const field = "rounded-md border border-line-strong bg-surface px-3 py-2 text-sm";

export function CallSearchForm({
  search,
  onSearch,
  suggestions,
}: {
  search: CallSearch | null;
  onSearch: (search: CallSearch) => void;
  /** People to offer in the box (the demo tenant's). */
  suggestions: readonly DemoPerson[];
}) {
  const [participant, setParticipant] = useState(search?.participant ?? "");
  const [from, setFrom] = useState(toLocalInput(search?.from ?? null));
  const [to, setTo] = useState(toLocalInput(search?.to ?? null));
  const [type, setType] = useState(search?.type ?? "");
  const [modality, setModality] = useState(search?.modality ?? "");
  const [error, setError] = useState<string | null>(null);
  const ids = {
    person: useId(),
    type: useId(),
    modality: useId(),
    error: useId(),
    people: useId(),
  };
  const demo = suggestions.length > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!participant.trim()) {
      setError("Say whose calls to find: an object ID, a sign-in name or a phone number.");
      return;
    }
    setError(null);
    onSearch({
      participant: participant.trim(),
      // A new search by hand looks at every call of the window, not one meeting's.
      join: null,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
      type: type || null,
      modality: modality || null,
    });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-lg border border-line bg-surface p-4"
      aria-label="Find calls"
    >
      <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr]">
        <label htmlFor={ids.person} className="text-sm font-medium">
          Person
          <input
            id={ids.person}
            name="participant"
            value={participant}
            onChange={(event) => setParticipant(event.target.value)}
            placeholder="name@contoso.com, an object ID or +14255550143"
            list={demo ? ids.people : undefined}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            className={`mt-1 block w-full font-mono ${field}`}
          />
          {demo && (
            <datalist id={ids.people}>
              {suggestions.map((person) => (
                <option key={person.id} value={person.userPrincipalName}>
                  {person.displayName}
                </option>
              ))}
            </datalist>
          )}
        </label>
        <WindowFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label htmlFor={ids.type} className="text-sm font-medium">
          Type
          <select
            id={ids.type}
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value)}
            className={`mt-1 block ${field}`}
          >
            <option value="">Any</option>
            {CALL_TYPES.map((value) => (
              <option key={value} value={value}>
                {CALL_TYPE_LABELS[value] ?? value}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.modality} className="text-sm font-medium">
          Used
          <select
            id={ids.modality}
            name="modality"
            value={modality}
            onChange={(event) => setModality(event.target.value)}
            className={`mt-1 block ${field}`}
          >
            <option value="">Any media</option>
            {MODALITIES.map((value) => (
              <option key={value} value={value}>
                {MODALITY_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary">
          Find calls
        </Button>
        <p className="text-xs text-muted">Empty dates: the last 7 days. At most 30 days at once.</p>
      </div>
      {error && (
        <p id={ids.error} role="alert" className="text-sm text-poor-text">
          {error}
        </p>
      )}
    </form>
  );
}
