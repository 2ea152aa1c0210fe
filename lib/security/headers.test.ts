import { describe, expect, it } from "vitest";
import { securityHeaders } from "./headers";

describe("security headers", () => {
  it("allow scripts only with the nonce, connections only to self and the authority, and no framing", () => {
    const headers = securityHeaders({
      nonce: "abc",
      authorityOrigin: "https://login.microsoftonline.com",
      https: true,
      development: false,
    });
    const csp = headers["Content-Security-Policy"] ?? "";
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("connect-src 'self' https://login.microsoftonline.com");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["Strict-Transport-Security"]).toContain("max-age=");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS only over HTTPS", () => {
    expect(
      securityHeaders({ nonce: "n", authorityOrigin: null, https: false, development: true })[
        "Strict-Transport-Security"
      ],
    ).toBeUndefined();
  });
});
