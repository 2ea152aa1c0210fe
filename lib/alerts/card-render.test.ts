// @vitest-environment happy-dom
// The card read by Microsoft's own Adaptive Cards renderer (the `adaptivecards` package, the one Teams' web
// client builds on): it parses with no warning, validates with no failure, and renders the verdict and the link.
import { AdaptiveCard, SerializationContext } from "adaptivecards";
import { describe, expect, it } from "vitest";
import { teamsMessage } from "./card";
import type { AlertMessage } from "./model";

const alert: AlertMessage = {
  ruleId: "r",
  ruleName: "Watched people",
  kind: "person",
  title: "Mateo Alvarez had a poor call (impacted)",
  summary: "Their worst stream: jitter 58 ms > 30 ms (received).",
  facts: [{ name: "Their part", value: "impacted" }],
  link: { label: "Open the call in callscope", url: "https://callscope.example/calls/c1" },
  at: "2026-12-04T09:00:00Z",
};

function read(content: unknown) {
  const card = new AdaptiveCard();
  const context = new SerializationContext();
  card.parse(content, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return { card, events: [...events, ...card.validateProperties().validationEvents.map((e) => e.message)] };
}

describe("the Teams card in Microsoft's renderer", () => {
  for (const [what, alerts] of [
    ["one alert", [alert]],
    ["a digest", [alert, { ...alert, title: "Priya Raman had a poor call (impacting)" }]],
  ] as const)
    it(`parses and validates without a warning and renders the verdict (${what})`, () => {
      const { card, events } = read(teamsMessage(alerts).attachments[0]?.content);
      expect(events).toEqual([]);
      const html = card.render();
      expect(html?.textContent).toContain("Mateo Alvarez had a poor call (impacted)");
      expect(html?.textContent).toContain("Open the call in callscope");
    });

  it("would report a card it cannot read (the check can fail)", () => {
    const { events } = read({
      type: "AdaptiveCard",
      version: "1.4",
      body: [{ type: "Sparkline", points: [1] }],
    });
    expect(events.length).toBeGreaterThan(0);
  });
});
