// The card checked against the Adaptive Card 1.4 schema (microsoft/AdaptiveCards, schemas/1.4.0/adaptive-card.json):
// each element's required properties, and no property the schema does not list (it sets additionalProperties: false).
import { describe, expect, it } from "vitest";
import { CARD_CONTENT_TYPE, teamsMessage } from "./card";
import type { AlertMessage } from "./model";

const COMMON = ["type", "fallback", "height", "separator", "spacing", "id", "isVisible", "requires"];
const SCHEMA: Record<string, { required: string[]; allowed: string[] }> = {
  AdaptiveCard: {
    // "version … is required for the top-level card" (the schema's description of `version`).
    required: ["type", "version"],
    allowed: [
      "type",
      "version",
      "refresh",
      "body",
      "actions",
      "selectAction",
      "fallbackText",
      "backgroundImage",
      "minHeight",
      "speak",
      "lang",
      "verticalContentAlignment",
      "$schema",
    ],
  },
  TextBlock: {
    required: ["text"],
    allowed: [
      ...COMMON,
      "text",
      "color",
      "fontType",
      "horizontalAlignment",
      "isSubtle",
      "maxLines",
      "size",
      "weight",
      "wrap",
    ],
  },
  Container: {
    required: ["items"],
    allowed: [
      ...COMMON,
      "items",
      "selectAction",
      "style",
      "verticalContentAlignment",
      "bleed",
      "backgroundImage",
      "minHeight",
      "rtl",
    ],
  },
  FactSet: { required: ["facts"], allowed: [...COMMON, "facts"] },
  Fact: { required: ["title", "value"], allowed: ["title", "value"] },
  ActionSet: { required: ["actions"], allowed: [...COMMON, "actions"] },
  "Action.OpenUrl": {
    required: ["url"],
    allowed: ["type", "url", "title", "iconUrl", "style", "fallback", "requires"],
  },
};

function check(node: Record<string, unknown>, kind: string, path: string, problems: string[]) {
  const schema = SCHEMA[kind];
  if (!schema) return void problems.push(`${path}: ${kind} is not an element this card should use`);
  for (const field of schema.required)
    if (node[field] === undefined) problems.push(`${path}: ${kind} needs ${field}`);
  for (const field of Object.keys(node))
    if (!schema.allowed.includes(field)) problems.push(`${path}: ${kind} has no property ${field}`);
  const children = (key: string, childKind?: string) =>
    ((node[key] as Record<string, unknown>[] | undefined) ?? []).forEach((child, i) =>
      check(child, childKind ?? String(child.type), `${path}.${key}[${i}]`, problems),
    );
  children("body");
  children("items");
  children("actions");
  children("facts", "Fact");
}

const alert = (n: number): AlertMessage => ({
  ruleId: "r",
  ruleName: "Watched people",
  kind: "person",
  title: `Mateo Alvarez had a poor call (impacted) #${n}`,
  summary: "Their worst stream: audio jitter 45 ms (received).",
  facts: [
    { name: "Their part", value: "impacted" },
    { name: "Started (UTC)", value: "2026-12-04T09:00:00Z" },
  ],
  link: { label: "Open the call in callscope", url: `https://callscope.example/calls/${n}` },
  at: "2026-12-04T09:00:00Z",
});

describe("the Teams card", () => {
  for (const [what, alerts] of [
    ["one alert", [alert(1)]],
    ["a digest", [alert(1), alert(2), alert(3)]],
  ] as const)
    it(`has every required field and nothing the schema forbids (${what})`, () => {
      const message = teamsMessage(alerts);
      expect(message.type).toBe("message");
      expect(message.attachments).toHaveLength(1);
      expect(message.attachments[0]?.contentType).toBe(CARD_CONTENT_TYPE);
      const problems: string[] = [];
      check(message.attachments[0]?.content ?? {}, "AdaptiveCard", "card", problems);
      expect(problems).toEqual([]);
    });

  it("carries the verdict, the evidence and the link", () => {
    const text = JSON.stringify(teamsMessage([alert(7)]));
    expect(text).toContain("Mateo Alvarez had a poor call (impacted) #7");
    expect(text).toContain("audio jitter 45 ms");
    expect(text).toContain('"url":"https://callscope.example/calls/7"');
  });

  it("says how many a digest holds, each with its own link", () => {
    const text = JSON.stringify(teamsMessage([alert(1), alert(2)]));
    expect(text).toContain('2 alerts from \\"Watched people\\"');
    expect(text).toContain("calls/1");
    expect(text).toContain("calls/2");
  });
});
