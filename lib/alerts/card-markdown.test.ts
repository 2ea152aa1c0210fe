// Teams renders Markdown in a card's TextBlocks and facts: every string callscope did not write reaches it as text.
// Read back with markdown-it (CommonMark, what Adaptive Cards' Markdown follows): no link, emphasis, code, heading,
// list or HTML comes out of a hostile name, and what is shown is the name as written.
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { HOSTILE_STRINGS } from "../../emulator/data/hostile";
import { asText, teamsMessage } from "./card";
import type { AlertMessage } from "./model";

const md = new MarkdownIt("commonmark");
const MARKUP = /<(?!\/?p>)[a-z]/i;

/** What a renderer shows of `html`: the text, entities decoded, whitespace folded. */
const shown = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const HOSTILE_MARKDOWN = [
  "[Reset your password](https://evil.example/p)",
  "![x](https://evil.example/pixel.png)",
  "**urgent** _now_ `code` ~~gone~~",
  "# Heading",
  "> quoted",
  "- item",
  "+ item",
  "1. item",
  "2) item",
  "<https://evil.example/auto>",
  "<b>bold</b>",
  "line one\n- item\n## two",
  "back\\slash \\[not a link](https://evil.example)",
  "[ref]\n\n[ref]: https://evil.example/ref",
  "Priya Raman (impacted) · 10.5% > 10%",
];

describe("strings callscope did not write, in a Teams card", () => {
  it.each([...HOSTILE_MARKDOWN, ...HOSTILE_STRINGS.filter((s) => s.length < 1000)])(
    "%j renders as written, with no markup",
    (text) => {
      const html = md.render(asText(text));
      expect(html).not.toMatch(MARKUP);
      expect(shown(html)).toBe(text.replace(/\0/g, "\uFFFD").replace(/\s+/g, " ").trim());
    },
  );

  it("would catch markup (the check can fail)", () => {
    expect(md.render(HOSTILE_MARKDOWN[0] ?? "")).toMatch(MARKUP);
  });

  it("escapes every string of the card that came from a rule, Graph or a person", () => {
    const link = "[Reset your password](https://evil.example/p)";
    const alert: AlertMessage = {
      ruleId: "r",
      ruleName: `Rule ${link}`,
      kind: "person",
      title: `${link} had a poor call`,
      summary: `Their worst stream from ${link}.`,
      facts: [{ name: link, value: `**${link}**` }],
      link: { label: "Open the call in callscope", url: "https://callscope.example/calls/c1" },
      at: "2026-12-04T09:00:00Z",
    };
    for (const alerts of [[alert], [alert, alert]]) {
      const content = JSON.stringify(teamsMessage(alerts).attachments[0]?.content);
      const texts = [...content.matchAll(/"(?:text|title|value)":"((?:[^"\\]|\\.)*)"/g)].map(
        (m) => JSON.parse(`"${m[1]}"`) as string,
      );
      expect(texts.some((t) => t.includes("Reset your password"))).toBe(true);
      for (const text of texts.filter((t) => t !== "Open the call in callscope"))
        expect(md.render(text), text).not.toMatch(MARKUP);
    }
  });
});
