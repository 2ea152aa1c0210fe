"use client";
import { useDemoMessages } from "@/lib/client/alerts";
import { formatDateTime } from "@/lib/format/dates";

/** The demo's stand-ins: what its Teams channel and mailbox received (the emulator catches them). */
export function DemoMessages() {
  const messages = useDemoMessages(true);
  const teams = messages.data?.teams ?? [];
  const email = messages.data?.email ?? [];
  const textOf = (card: (typeof teams)[number]["card"]) =>
    (card.body ?? [])
      .flatMap((block) => (block.type === "TextBlock" && block.text ? [block.text] : []))
      .slice(0, 1);
  return (
    <section aria-labelledby="caught-heading" className="space-y-2" id="demo-messages">
      <h2 id="caught-heading" className="text-lg font-semibold">
        What the demo&apos;s channel and mailbox received
      </h2>
      <p className="text-sm text-muted">
        In the demo, a local stand-in plays the Teams channel&apos;s webhook and an SMTP server plays the
        mailbox.
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="font-medium">Teams channel ({teams.length})</h3>
          <ul className="mt-1 space-y-2" data-testid="caught-teams">
            {teams.slice(0, 10).map((message) => (
              <li
                key={message.at + JSON.stringify(message.card).length}
                className="rounded border border-line p-2 text-sm"
              >
                <span className="block text-xs text-muted">{formatDateTime(Date.parse(message.at))}</span>
                {textOf(message.card)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="font-medium">Mailbox ({email.length})</h3>
          <ul className="mt-1 space-y-2" data-testid="caught-email">
            {email.slice(0, 10).map((mail) => (
              <li key={mail.at + mail.subject} className="rounded border border-line p-2 text-sm">
                <span className="block text-xs text-muted">
                  {formatDateTime(Date.parse(mail.at))} · to {mail.to.join(", ")}
                </span>
                {mail.subject}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
