import { describe, expect, it } from "vitest";
import { ConfigError, parseServerConfig } from "./schema";

const base = {
  AZURE_TENANT_ID: "5f1c6a0e-3b8d-4c2a-9e71-0c7d2f4b8a10",
  AZURE_CLIENT_ID: "c5a1f0e2-6b3d-4e8a-9f1c-2d4b6a8c0e31",
  AZURE_CLIENT_SECRET: "s",
};

const failure = (env: Record<string, string>) => {
  try {
    parseServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("server configuration", () => {
  it("defaults to the global cloud", () => {
    const config = parseServerConfig(base);
    expect(config).toMatchObject({
      cloud: "global",
      graphBaseUrl: "https://graph.microsoft.com",
      authorityHost: "https://login.microsoftonline.com",
      graphScope: "https://graph.microsoft.com/.default",
      demo: false,
      maxSessions: 20_000,
    });
    expect(config.apiAudience).toBe(base.AZURE_CLIENT_ID);
  });

  it.each([
    ["usgov", "https://graph.microsoft.us", "https://login.microsoftonline.us"],
    ["dod", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us"],
  ])("knows the %s cloud", (cloud, graph, authority) => {
    const config = parseServerConfig({ ...base, CALLSCOPE_CLOUD: cloud });
    expect(config.graphBaseUrl).toBe(graph);
    expect(config.authorityHost).toBe(authority);
    expect(config.graphScope).toBe(`${graph}/.default`);
  });

  it("refuses China with the reason", () => {
    const error = failure({ ...base, CALLSCOPE_CLOUD: "china" });
    expect(error.variable).toBe("CALLSCOPE_CLOUD");
    expect(error.message).toContain("not available in Microsoft Graph China (21Vianet)");
  });

  it.each([
    [{ AZURE_TENANT_ID: "" }, "AZURE_TENANT_ID"],
    [{ AZURE_TENANT_ID: "contoso.onmicrosoft.com" }, "AZURE_TENANT_ID"],
    [{ AZURE_CLIENT_ID: "abc" }, "AZURE_CLIENT_ID"],
    [{ AZURE_CLIENT_SECRET: "" }, "AZURE_CLIENT_SECRET"],
    [{ AZURE_CLIENT_CERTIFICATE_PATH: "/x.pem" }, "AZURE_CLIENT_SECRET"],
    [{ GRAPH_BASE_URL: "http://graph.local" }, "GRAPH_BASE_URL"],
    [{ AUTHORITY_HOST: "not a url" }, "AUTHORITY_HOST"],
    [{ CALLSCOPE_MAX_SESSIONS: "lots" }, "CALLSCOPE_MAX_SESSIONS"],
    [{ CALLSCOPE_CURSOR_SECRET: "short" }, "CALLSCOPE_CURSOR_SECRET"],
    [{ CALLSCOPE_DEMO: "true" }, "CALLSCOPE_DEMO"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
  ])("names the variable that is wrong: %o", (change, variable) => {
    expect(failure({ ...base, ...change }).variable).toBe(variable);
  });

  it("allows demo mode only against a non-Microsoft Graph (the emulator)", () => {
    expect(
      parseServerConfig({
        ...base,
        CALLSCOPE_DEMO: "true",
        GRAPH_BASE_URL: "https://localhost:4010",
        AUTHORITY_HOST: "https://localhost:4010",
      }).demo,
    ).toBe(true);
  });

  it("takes a certificate instead of a secret", () => {
    const { AZURE_CLIENT_SECRET: _, ...rest } = base;
    expect(
      parseServerConfig({ ...rest, AZURE_CLIENT_CERTIFICATE_PATH: "/etc/callscope/cert.pem" }).credential,
    ).toEqual({ kind: "certificate", path: "/etc/callscope/cert.pem" });
  });
});

describe("several instances", () => {
  it("needs a redis:// URL and the shared cursor secret beside it", () => {
    expect(() => parseServerConfig({ ...base, REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL/);
    expect(() => parseServerConfig({ ...base, REDIS_URL: "redis://localhost:6379" })).toThrow(
      /CALLSCOPE_CURSOR_SECRET/,
    );
    const config = parseServerConfig({
      ...base,
      REDIS_URL: "rediss://cache.example:6380",
      CALLSCOPE_CURSOR_SECRET: "c".repeat(32),
    });
    expect(config.redisUrl).toBe("rediss://cache.example:6380");
  });

  it("spends each record's Graph budget by Microsoft's published limits unless told otherwise", () => {
    expect(parseServerConfig(base).graphBudget).toEqual({
      firstPage: { requests: 10, windowMs: 20_000 },
      laterPage: { requests: 50, windowMs: 300_000 },
    });
    expect(
      parseServerConfig({ ...base, CALLSCOPE_RECORD_LATER_PAGES: "40" }).graphBudget?.laterPage.requests,
    ).toBe(40);
    expect(parseServerConfig({ ...base, CALLSCOPE_GRAPH_BUDGET: "off" }).graphBudget).toBeNull();
  });
});

describe("authorities", () => {
  it("declares only non-Microsoft authorities as known to MSAL", async () => {
    const { knownAuthoritiesFor, isMicrosoftAuthority } = await import("./clouds");
    expect(knownAuthoritiesFor("https://login.microsoftonline.com")).toEqual([]);
    expect(knownAuthoritiesFor("https://login.microsoftonline.us")).toEqual([]);
    expect(knownAuthoritiesFor("https://localhost:4010")).toEqual(["localhost:4010"]);
    expect(isMicrosoftAuthority("https://login.microsoftonline.com.evil.example")).toBe(false);
  });
});
