/**
 * `instanceof` that holds across bundles. Next compiles `instrumentation.ts` apart from the routes, so a
 * class reached from both exists twice in one process: the server runtime built at start throws one copy's
 * errors and a route checks against the other's. A registered symbol is the same in every copy.
 */
export function crossBundleBrand(name: string) {
  const brand = Symbol.for(`callscope.${name}`);
  return {
    brand,
    is: (value: unknown): boolean =>
      typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true,
  };
}
