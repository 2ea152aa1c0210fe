// The design tokens' contrast, light and dark (WCAG 2.1): text on the surface and the canvas at least 4.5:1,
// chart series (drawn, and their legend text) at least 4.5:1 on the surface, the timeline's modalities 3:1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const css = readFileSync(join(__dirname, "globals.css"), "utf8");
const darkStart = css.indexOf("@media (prefers-color-scheme: dark)");

function tokens(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]),
  );
}
const light = tokens(css.slice(0, darkStart));
const dark = { ...light, ...tokens(css.slice(darkStart)) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};

const TEXT = ["fg", "muted", "poor-text", "warn-text", "accent-fg", "good-fg"];
const SERIES = ["chart-primary", "chart-secondary", "chart-poor", "chart-threshold"];
const GRAPHICS = ["audio", "video", "screen", "data"];

describe.each([
  ["light", light],
  ["dark", dark],
])("%s colours", (_scheme, palette) => {
  const on = (name: string, background: string) =>
    contrast(palette[name] ?? "#000000", palette[background] ?? "#ffffff");
  it("keep text readable on the surface and the canvas", () => {
    for (const name of TEXT)
      for (const background of ["surface", "canvas"])
        expect(on(name, background), `${name} on ${background}`).toBeGreaterThanOrEqual(4.5);
  });
  it("keep badge text readable on its own background", () => {
    for (const [fg, bg] of [
      ["new-fg", "new-soft"],
      ["good-fg", "good-soft"],
      ["poor-fg", "poor-soft"],
      ["warn-fg", "warn-soft"],
    ] as const)
      expect(on(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
  it("draw chart series (and their legend text) at 4.5:1 on the surface", () => {
    for (const name of SERIES) expect(on(name, "surface"), name).toBeGreaterThanOrEqual(4.5);
  });
  it("draw the timeline's modalities at 3:1 on the surface", () => {
    for (const name of GRAPHICS) expect(on(name, "surface"), name).toBeGreaterThanOrEqual(3);
  });
});
