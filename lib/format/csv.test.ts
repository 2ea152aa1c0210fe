import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads quoted cells with commas, quotes and line breaks, and CRLF rows", () => {
    expect(parseCsv('1,"Cloudflare, Inc."\r\n2,"say ""hi""\nthere",x\n')).toEqual([
      ["1", "Cloudflare, Inc."],
      ["2", 'say "hi"\nthere', "x"],
    ]);
  });

  it("keeps empty cells and a last row without a line break", () => {
    expect(parseCsv("a,,c\n,b,")).toEqual([
      ["a", "", "c"],
      ["", "b", ""],
    ]);
  });
});
