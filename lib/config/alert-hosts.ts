// Which hosts an alert destination may name (CALLSCOPE_ALERT_HOSTS). Pure: the configuration parses the list,
// lib/alerts/outbound.ts checks every URL (and every redirect) against it before anything is fetched.
import type { CloudName } from "./clouds";

export interface HostRule {
  /** A host name, lower case; with `subdomains`, any name under it (the `*.` form) and not the name itself. */
  host: string;
  subdomains: boolean;
  /** The one port allowed: 443 unless the entry names another (`relay.example:8443`). */
  port: number;
}

/**
 * Where each cloud's Teams Workflows (Power Automate) and legacy incoming webhooks post from: the URL a
 * channel's "Send webhook alerts to a channel" workflow gives is on one of these. Operators add their own.
 */
export const DEFAULT_ALERT_HOSTS: Record<CloudName, readonly string[]> = {
  global: ["*.logic.azure.com", "*.environment.api.powerplatform.com", "*.webhook.office.com"],
  usgov: ["*.logic.azure.us", "*.environment.api.powerplatform.us"],
  dod: ["*.logic.azure.us", "*.environment.api.appsplatform.us"],
};

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Parses one entry, or says why it is not one (an IP address is never an entry: names only). */
export function parseHostRule(entry: string): HostRule | string {
  const text = entry.trim().toLowerCase();
  const match = /^(\*\.)?([^:]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return `"${entry}" is not a host name (write host, *.domain or host:port)`;
  const [, star, host = "", port] = match;
  if (!HOST_NAME.test(host) || /^[\d.]+$/.test(host))
    return `"${entry}" is not a host name: IP addresses cannot be allowed, name the host instead`;
  const portNumber = port === undefined ? 443 : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535)
    return `"${entry}" has a port outside 1–65535`;
  return { host, subdomains: star !== undefined, port: portNumber };
}

/** The rule a host and port fall under, or null. */
export function matchHost(rules: readonly HostRule[], hostname: string, port: number): HostRule | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return (
    rules.find(
      (rule) => rule.port === port && (rule.subdomains ? host.endsWith(`.${rule.host}`) : host === rule.host),
    ) ?? null
  );
}

export const describeRule = (rule: HostRule) =>
  `${rule.subdomains ? "*." : ""}${rule.host}${rule.port === 443 ? "" : `:${rule.port}`}`;
