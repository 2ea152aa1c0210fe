import { describe, expect, it, vi } from "vitest";

// Two copies of the same modules, as Next makes for instrumentation.ts and the routes.
async function freshCopy() {
  vi.resetModules();
  return {
    api: await import("@/lib/api/errors"),
    graph: await import("@/lib/graph/errors"),
    auth: await import("@/lib/auth/errors"),
  };
}

describe("errors across bundles", () => {
  it("are recognised by every copy of their class, and only by their own class", async () => {
    const one = await freshCopy();
    const two = await freshCopy();
    expect(one.api.ApiError).not.toBe(two.api.ApiError);
    const apiError = new one.api.ApiError(404, "call_not_found", "gone");
    expect(apiError instanceof two.api.ApiError).toBe(true);
    expect(apiError instanceof Error).toBe(true);
    expect(apiError instanceof two.graph.GraphFailure).toBe(false);
    const failure = new one.graph.GraphFailure("not-found", "no such record");
    expect(failure instanceof two.graph.GraphFailure).toBe(true);
    // The mapping to an HTTP answer works on the other copy's errors.
    expect(two.api.toApiError(failure, "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01").status).toBe(404);
    expect({ message: "look-alike" } instanceof two.api.ApiError).toBe(false);
    expect((null as unknown) instanceof two.auth.AuthError).toBe(false);
  });
});
