// Marks the scripts every page runs at its start for Chromium's eager compilation.
//
// Turbopack wraps each module in a function, and V8 compiles a function's body only when it is first called: the
// browser parses a script off the page's thread while it downloads, but React DOM's and Next's module bodies were
// then compiled on the page's thread, inside the one task that starts the app (100–180 ms on this project's bench
// machine, most of it compiling). V8's file-level compile hint, the comment `//# allFunctionsCalledOnLoad` on a
// script's first line, has every function of that script compiled with the download instead (Chromium 136+; to
// other engines it is only a comment). Only the framework's own start files get it — Next's `rootMainFiles`, which
// run on every page — because compiling a file eagerly costs time and memory for each function it never calls.
//
// Run by `compiler.runAfterProductionCompile` (next.config.mjs), so every `next build` marks its own output.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad";

/** The text of a script with the hint on its first line; a script that has it already is returned unchanged. */
export function withCompileHint(source) {
  return source.startsWith(COMPILE_HINT) ? source : `${COMPILE_HINT}\n${source}`;
}

/** A source map for the hinted script: every generated line moves down by one. */
export function shiftSourceMap(mapText) {
  const map = JSON.parse(mapText);
  if (Array.isArray(map.sections)) {
    for (const section of map.sections) section.offset.line += 1;
  } else {
    map.mappings = `;${map.mappings}`;
  }
  return JSON.stringify(map);
}

/** The source map a script names on its last line (Turbopack names maps apart from their scripts), if a file. */
function sourceMapOf(path, source) {
  const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(source)?.[1];
  if (!url || url.includes(":")) return null;
  const mapPath = join(dirname(path), url);
  return existsSync(mapPath) ? mapPath : null;
}

/** The start files a build names, relative to its output directory (`static/chunks/….js`). */
function startupScripts(distDir) {
  const manifest = JSON.parse(readFileSync(join(distDir, "build-manifest.json"), "utf8"));
  const files = manifest.rootMainFiles;
  if (!Array.isArray(files) || files.length === 0) {
    throw new Error(
      `${join(distDir, "build-manifest.json")} names no rootMainFiles: cannot tell the start scripts`,
    );
  }
  return files.filter((file) => typeof file === "string" && file.endsWith(".js"));
}

/** Adds the hint to each start script of the build in `distDir` (and moves its source map); returns the files. */
export function markStartupScripts(distDir) {
  const marked = [];
  for (const file of startupScripts(distDir)) {
    const path = join(distDir, file);
    const source = readFileSync(path, "utf8");
    const hinted = withCompileHint(source);
    if (hinted === source) continue;
    writeFileSync(path, hinted);
    const map = sourceMapOf(path, source);
    if (map) writeFileSync(map, shiftSourceMap(readFileSync(map, "utf8")));
    marked.push(file);
  }
  return marked;
}
