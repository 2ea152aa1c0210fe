// An alert as a Teams message: an Adaptive Card in the envelope Teams Workflows ("Send webhook alerts to a
// channel") and incoming webhooks take — `{ type: "message", attachments: [{ contentType, content }] }`,
// as Microsoft's "Create and send messages" page for incoming webhooks shows. Version 1.4, what Teams renders,
// and only its schema's properties (schemas/1.4.0/adaptive-card.json allows no others: no `msteams`, no
// TextBlock `style`, which came in 1.5).
import type { AlertMessage } from "./model";

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

// Teams renders Markdown in TextBlocks and facts, so a device named "[Reset your password](https://evil.example)"
// would be a link inside callscope's own alert. Every string callscope did not write is escaped as CommonMark
// reads it: the characters that open links, emphasis, code and HTML anywhere, and block markers (headings,
// quotes, lists) at the start of a line.
const INLINE_MARKUP = /[\\`*_[\]<>~|]/g;
const BLOCK_MARKER = /^(\s*)([#>+-]|\d+[.)])/gm;

/** A string from Graph or a user, as text a Markdown renderer shows as written. */
export function asText(text: string): string {
  return text
    .replace(INLINE_MARKUP, "\\$&")
    .replace(BLOCK_MARKER, (_, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
    );
}
const MAX_FACTS = 12;

export interface TeamsMessage {
  type: "message";
  attachments: {
    contentType: typeof CARD_CONTENT_TYPE;
    contentUrl: null;
    content: Record<string, unknown>;
  }[];
}

/** One alert, or a digest of several (the first's rule names the card). */
export function teamsMessage(alerts: readonly AlertMessage[]): TeamsMessage {
  const first = alerts[0];
  const digest = alerts.length > 1;
  const body: Record<string, unknown>[] = [
    {
      type: "TextBlock",
      text: digest
        ? `${alerts.length} alerts from "${asText(first?.ruleName ?? "callscope")}"`
        : asText(first?.title ?? "callscope"),
      weight: "Bolder",
      size: "Medium",
      wrap: true,
    },
  ];
  for (const alert of alerts.slice(0, 20)) {
    const items: Record<string, unknown>[] = [];
    if (digest) items.push({ type: "TextBlock", text: asText(alert.title), weight: "Bolder", wrap: true });
    items.push({ type: "TextBlock", text: asText(alert.summary), wrap: true });
    if (alert.facts.length > 0)
      items.push({
        type: "FactSet",
        facts: alert.facts
          .slice(0, MAX_FACTS)
          .map((fact) => ({ title: asText(fact.name), value: asText(fact.value) })),
      });
    if (digest && alert.link)
      items.push({
        type: "ActionSet",
        actions: [{ type: "Action.OpenUrl", title: alert.link.label, url: alert.link.url }],
      });
    body.push({ type: "Container", separator: digest, items });
  }
  if (alerts.length > 20)
    body.push({
      type: "TextBlock",
      text: `…and ${alerts.length - 20} more on callscope's alerts page.`,
      wrap: true,
    });
  body.push({
    type: "TextBlock",
    text: `Rule: ${asText(first?.ruleName ?? "")} · ${first?.at ?? ""}`,
    isSubtle: true,
    size: "Small",
    wrap: true,
  });
  const content: Record<string, unknown> = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
  };
  if (!digest && first?.link)
    content.actions = [{ type: "Action.OpenUrl", title: first.link.label, url: first.link.url }];
  return { type: "message", attachments: [{ contentType: CARD_CONTENT_TYPE, contentUrl: null, content }] };
}
