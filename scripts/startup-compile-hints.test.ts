import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMPILE_HINT,
  markStartupScripts,
  shiftSourceMap,
  withCompileHint,
} from "./startup-compile-hints.mjs";

// A build output as `next build` leaves it: a manifest naming the start files, and chunks beside them.
function fakeBuild(rootMainFiles: unknown) {
  const dist = mkdtempSync(join(tmpdir(), "callscope-hints-"));
  mkdirSync(join(dist, "static", "chunks"), { recursive: true });
  writeFileSync(join(dist, "build-manifest.json"), JSON.stringify({ polyfillFiles: [], rootMainFiles }));
  const write = (name: string, text: string) => writeFileSync(join(dist, "static", "chunks", name), text);
  const read = (name: string) => readFileSync(join(dist, "static", "chunks", name), "utf8");
  return { dist, write, read };
}

describe("startup compile hints", () => {
  it("puts the hint on the first line once, however often it runs", () => {
    const hinted = withCompileHint("(()=>{})();");
    expect(hinted).toBe(`${COMPILE_HINT}\n(()=>{})();`);
    expect(withCompileHint(hinted)).toBe(hinted);
  });

  it("marks the start files the manifest names and leaves every other chunk as it was", () => {
    const build = fakeBuild(["static/chunks/runtime.js", "static/chunks/react-dom.js"]);
    build.write("runtime.js", "runtime()");
    build.write("react-dom.js", "reactDom()");
    build.write("charts.js", "charts()");
    expect(markStartupScripts(build.dist)).toEqual([
      "static/chunks/runtime.js",
      "static/chunks/react-dom.js",
    ]);
    expect(build.read("runtime.js")).toBe(`${COMPILE_HINT}\nruntime()`);
    expect(build.read("react-dom.js")).toBe(`${COMPILE_HINT}\nreactDom()`);
    expect(build.read("charts.js")).toBe("charts()");
    // A second run (the hook after a cached build) changes nothing.
    expect(markStartupScripts(build.dist)).toEqual([]);
    expect(build.read("runtime.js")).toBe(`${COMPILE_HINT}\nruntime()`);
  });

  it("moves a start file's source map down by the added line", () => {
    const build = fakeBuild(["static/chunks/runtime.js"]);
    // Turbopack names a chunk's map apart from the chunk, on the chunk's last line.
    build.write("runtime.js", "runtime()\n//# sourceMappingURL=0abc.js.map\n");
    build.write("0abc.js.map", JSON.stringify({ version: 3, sources: ["a.ts"], mappings: "AAAA;AACA" }));
    build.write("runtime.js.map", JSON.stringify({ version: 3, sources: ["b.ts"], mappings: "AAAA" }));
    markStartupScripts(build.dist);
    expect(JSON.parse(build.read("0abc.js.map")).mappings).toBe(";AAAA;AACA");
    expect(JSON.parse(build.read("runtime.js.map")).mappings).toBe("AAAA");
  });

  it("moves every section of an index map (Turbopack's form)", () => {
    const map = {
      version: 3,
      sections: [{ offset: { line: 0, column: 0 } }, { offset: { line: 7, column: 2 } }],
    };
    const shifted = JSON.parse(shiftSourceMap(JSON.stringify(map)));
    expect(shifted.sections.map((section: { offset: { line: number } }) => section.offset.line)).toEqual([
      1, 8,
    ]);
  });

  it("stops the build with a reason when the manifest names no start files", () => {
    expect(() => markStartupScripts(fakeBuild(undefined).dist)).toThrow(/names no rootMainFiles/);
    expect(() => markStartupScripts(fakeBuild([]).dist)).toThrow(/names no rootMainFiles/);
  });
});
