// Types for scripts/startup-compile-hints.mjs, which stays JavaScript because next.config.mjs imports it.
export declare const COMPILE_HINT: string;
export declare function withCompileHint(source: string): string;
export declare function shiftSourceMap(mapText: string): string;
export declare function markStartupScripts(distDir: string): string[];
