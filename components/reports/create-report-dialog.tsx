"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { problemMessage } from "@/lib/client/problem-text";
import { useCreateReport } from "@/lib/client/reports";
import { useSignIn } from "@/lib/client/sign-in";
import { DEFAULT_EXPIRY, EXPIRY_CHOICES, expiryDays } from "@/lib/reports/expiry";
import { Button } from "@/components/ui/button";

/**
 * `titles`: the default title from the call (its type, date, organizer or the two people) and the same without
 * names, used while the report is redacted.
 */
export function CreateReportDialog({
  callId,
  titles = { named: `Call ${callId}`, anonymous: `Call ${callId}` },
  onClose,
}: {
  callId: string;
  titles?: { named: string; anonymous: string };
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { me } = useSignIn();
  const mustRedact = me ? !me.seesPersonalData : false;
  const [title, setTitle] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [redact, setRedact] = useState(mustRedact);
  const [textReviewed, setTextReviewed] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const redacting = redact || mustRedact;
  // Until the person types one, the title follows the redaction choice (no names in a redacted report).
  const shownTitle = title ?? (redacting ? titles.anonymous : titles.named);
  const [expiry, setExpiry] = useState<string>(DEFAULT_EXPIRY);
  const create = useCreateReport();
  const ids = { title: useId(), note: useId(), expiry: useId() };

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      callId,
      title: shownTitle,
      note,
      redact: redacting,
      textHasNoPersonalData: redacting && textReviewed,
      expiresInDays: expiryDays(expiry),
    });
  }

  /** The report's address with this page's view (open session, filters, sort, zoom), absolute, to paste anywhere. */
  const reportUrl = (id: string) =>
    typeof window === "undefined"
      ? `/reports/${id}`
      : `${window.location.origin}/reports/${id}${window.location.search}`;

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied.");
    } catch {
      setCopied("Copying was blocked by the browser: select the link and copy it.");
    }
  }

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="create-report-heading"
      className="m-auto w-full max-w-lg rounded-lg p-6 backdrop:bg-black/40 bg-surface text-fg"
    >
      <h2 id="create-report-heading" className="text-lg font-semibold">
        Create a report
      </h2>
      {create.isSuccess ? (
        <div className="mt-3 space-y-3 text-sm">
          <p>
            Saved. This link shows the call as it is now, opened where you are looking, even after Graph
            deletes the record:
          </p>
          <p>
            <Link
              className="font-mono break-all underline"
              href={reportUrl(create.data.id)}
              data-testid="report-link"
            >
              {reportUrl(create.data.id)}
            </Link>
          </p>
          <div className="flex items-center gap-2">
            <Button onClick={() => void copy(reportUrl(create.data.id))}>Copy link</Button>
            <Button onClick={() => dialog.current?.close()}>Close</Button>
            {copied && (
              <span role="status" className="text-muted">
                {copied}
              </span>
            )}
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="mt-3 space-y-3 text-sm">
          <p className="text-muted">
            The server fetches every session of this call and keeps Graph&apos;s data as it is now.
          </p>
          <label htmlFor={ids.title} className="block font-medium">
            Title
          </label>
          <input
            id={ids.title}
            value={shownTitle}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
            className="w-full rounded border border-line-strong bg-field px-2 py-1"
          />
          <label htmlFor={ids.note} className="block font-medium">
            Note
          </label>
          <textarea
            id={ids.note}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={4000}
            rows={3}
            className="w-full rounded border border-line-strong bg-field px-2 py-1"
          />
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              checked={redact || mustRedact}
              disabled={mustRedact}
              onChange={(e) => setRedact(e.target.checked)}
            />
            <span>
              Redact personal data (names, sign-in names, IP and MAC addresses, device names) for sharing
              outside the team{mustRedact ? " — always on for your role" : ""}
            </span>
          </label>
          {redacting && (
            <div
              className="rounded border border-warn-line bg-warn-soft p-2 text-warn-fg"
              data-testid="text-warning"
            >
              <p>
                Redaction replaces names and addresses in Graph&apos;s data; it cannot find a name typed in
                the title or note. Unless you confirm they name no one, the report is saved as &ldquo;Redacted
                report of call …&rdquo; without the note.
              </p>
              <label className="mt-1 flex items-start gap-2">
                <input
                  type="checkbox"
                  checked={textReviewed}
                  onChange={(e) => setTextReviewed(e.target.checked)}
                />
                <span>The title and note name no one: keep them as written</span>
              </label>
            </div>
          )}
          <label htmlFor={ids.expiry} className="block font-medium">
            Keep for
          </label>
          <select
            id={ids.expiry}
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            className="rounded border border-line-strong bg-field px-2 py-1"
          >
            {EXPIRY_CHOICES.map(({ label }) => (
              <option key={label}>{label}</option>
            ))}
          </select>
          {create.isError && (
            <p role="alert" className="text-poor-text">
              {problemMessage(create.error)}
            </p>
          )}
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {create.isPending ? "Saving…" : "Create report"}
            </Button>
            <Button onClick={() => dialog.current?.close()}>Cancel</Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
