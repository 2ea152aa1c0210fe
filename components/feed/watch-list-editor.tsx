"use client";
import { useState, type FormEvent } from "react";
import { useWatchList, useWatchListChange } from "@/lib/client/feed";
import { problemMessage } from "@/lib/client/problem-text";

/** Investigators choose the people and rooms whose calls matter most: their calls are marked in the inbox. */
export function WatchListEditor() {
  const list = useWatchList(true);
  const { add, remove } = useWatchListChange();
  const [person, setPerson] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person.trim()) return;
    add.mutate({ person: person.trim() }, { onSuccess: () => setPerson("") });
  };
  const people = list.data?.people ?? [];
  return (
    <section
      aria-labelledby="watch-list-heading"
      className="rounded-lg border border-line bg-surface p-3 text-sm"
      data-testid="watch-list"
    >
      <h2 id="watch-list-heading" className="text-lg font-semibold">
        Watch list ({people.length})
      </h2>
      <p className="text-muted">
        Their new calls are marked ★ in the inbox, and alert rules can follow them.
      </p>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col">
          Person or room (sign-in name or object ID)
          <input
            className="rounded border border-line bg-surface px-2 py-1"
            value={person}
            onChange={(event) => setPerson(event.target.value)}
            placeholder="name@contoso.com"
            name="watch-person"
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-accent-strong px-3 py-1 font-medium text-white disabled:opacity-60"
          disabled={add.isPending}
        >
          {add.isPending ? "Adding…" : "Watch"}
        </button>
      </form>
      {add.isError && (
        <p role="alert" className="mt-1 text-warn-fg">
          {problemMessage(add.error)}
        </p>
      )}
      {list.isError && <p className="mt-1 text-warn-fg">{problemMessage(list.error)}</p>}
      <ul className="mt-2 space-y-1">
        {people.map((entry) => (
          <li
            key={entry.personId}
            className="flex flex-wrap items-center gap-x-2"
            data-testid="watched-person"
          >
            <span className="font-medium">{entry.label}</span>
            <span className="min-w-0 font-mono text-xs text-muted wrap-anywhere">{entry.personId}</span>
            <button
              type="button"
              className="text-xs underline"
              onClick={() => remove.mutate(entry.personId)}
              aria-label={`Stop watching ${entry.label}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
