import { describe, expect, it } from "vitest";
import { matchHost, parseHostRule, type HostRule } from "./alert-hosts";
import { ConfigError, parseServerConfig } from "./schema";

const base = {
  AZURE_TENANT_ID: "5f1c6a0e-3b8d-4c2a-9e71-0c7d2f4b8a10",
  AZURE_CLIENT_ID: "c5a1f0e2-6b3d-4e8a-9f1c-2d4b6a8c0e31",
  AZURE_CLIENT_SECRET: "s",
};

describe("the alert hosts allow-list", () => {
  const rules = ["*.logic.azure.com", "relay.contoso.com:8443"].map(
    (entry) => parseHostRule(entry) as HostRule,
  );

  it("matches subdomains of a wildcard on 443, and a named port only", () => {
    expect(matchHost(rules, "prod-12.westus.logic.azure.com", 443)).not.toBeNull();
    expect(matchHost(rules, "logic.azure.com", 443)).toBeNull();
    expect(matchHost(rules, "evil-logic.azure.com", 443)).toBeNull();
    expect(matchHost(rules, "prod-12.westus.logic.azure.com", 8443)).toBeNull();
    expect(matchHost(rules, "relay.contoso.com", 8443)).not.toBeNull();
    expect(matchHost(rules, "relay.contoso.com", 443)).toBeNull();
    expect(matchHost(rules, "PROD-1.LOGIC.AZURE.COM.", 443)).not.toBeNull();
  });

  it("refuses IP addresses and odd entries as entries", () => {
    expect(parseHostRule("10.0.0.1")).toMatch(/IP addresses cannot be allowed/);
    expect(parseHostRule("relay:99999")).toMatch(/port outside/);
    expect(parseHostRule("https://x.example")).toMatch(/not a host name/);
  });

  it("defaults to the configured cloud's Teams webhook hosts", () => {
    const global = parseServerConfig(base).alerts.hosts.map((rule) => rule.host);
    expect(global).toContain("logic.azure.com");
    const usgov = parseServerConfig({ ...base, CALLSCOPE_CLOUD: "usgov" }).alerts.hosts.map(
      (rule) => rule.host,
    );
    expect(usgov).toContain("logic.azure.us");
    expect(usgov).not.toContain("logic.azure.com");
  });

  it("names the variable when the list or the SMTP URL is wrong", () => {
    const bad = (env: Record<string, string>) => {
      try {
        parseServerConfig({ ...base, ...env });
      } catch (error) {
        if (error instanceof ConfigError) return `${error.variable}: ${error.problem}`;
      }
      return "accepted";
    };
    expect(bad({ CALLSCOPE_ALERT_HOSTS: "hooks.example, 192.168.1.10" })).toMatch(
      /^CALLSCOPE_ALERT_HOSTS: "192\.168\.1\.10"/,
    );
    expect(bad({ CALLSCOPE_SMTP_URL: "mail.contoso.com" })).toMatch(
      /^CALLSCOPE_SMTP_URL: must be an smtp:\/\//,
    );
    expect(
      parseServerConfig({ ...base, CALLSCOPE_SMTP_URL: "smtps://u:p@smtp.contoso.com:465" }).alerts.smtp,
    ).toEqual({
      url: "smtps://u:p@smtp.contoso.com:465",
      from: "callscope <callscope@localhost>",
    });
  });
});
