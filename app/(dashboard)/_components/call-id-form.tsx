"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { extractCallId } from "@/lib/callrecords/call-id";
import { parseJoinLink } from "@/lib/callrecords/join-link";
import { rememberLookup } from "@/lib/client/recent-lookups";
import { callSearchHref, personIn } from "@/lib/client/search-state";
import { Button } from "@/components/ui/button";

export function CallIdForm() {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    // A meeting's join link names its organizer: look for the meeting among their calls of the last 30 days.
    const join = parseJoinLink(value);
    if (join) {
      if (!join.organizerId) {
        setError(
          "This join link does not say who organized the meeting (its context part is missing). Copy the whole link from the invitation, or search for the organizer's calls by sign-in name.",
        );
        return;
      }
      setError(null);
      router.push(
        callSearchHref({
          participant: join.organizerId,
          // Graph keeps 30 days; an hour less keeps the window inside retention however long the search takes.
          from: new Date(Date.now() - 30 * 86_400_000 + 3_600_000).toISOString(),
          to: null,
          type: "groupCall",
          modality: null,
          join: join.thread,
        }),
      );
      return;
    }
    const callId = extractCallId(value);
    const person = callId ? null : personIn(value);
    if (person) {
      setError(null);
      router.push(
        callSearchHref({ participant: person, from: null, to: null, type: null, modality: null, join: null }),
      );
      return;
    }
    if (!callId) {
      setError(
        value.trim()
          ? "That is neither a call ID, a Teams meeting link nor a person. Paste the GUID of a call (like 2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01) or a link that holds one, a meeting's join link (teams.microsoft.com/l/meetup-join/…), or a person's sign-in name or phone number to find their calls."
          : "Paste a call ID first.",
      );
      return;
    }
    setError(null);
    rememberLookup(callId);
    router.push(`/calls/${callId}`);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium">
        Call ID (or a link holding one), a Teams meeting join link, or a person&apos;s sign-in name or phone
        number
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="callId"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="e.g. 2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          autoComplete="off"
          spellCheck={false}
          className="w-full rounded-md border border-line-strong bg-surface px-3 py-2 font-mono text-sm"
        />
        <Button type="submit" variant="primary" className="whitespace-nowrap">
          Open
        </Button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-poor-text">
          {error}
        </p>
      )}
    </form>
  );
}
