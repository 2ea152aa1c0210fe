import "server-only";
// The only way callscope posts to a URL a person typed (an alert destination). Before anything is sent the URL
// must be https on port 443 (or the port its allow-list entry names), name an allowed host (never an IP
// literal), and resolve only to public addresses unless the operator listed the host as private. The address
// is checked where the connection is made (the socket's own lookup), so a name that changes between the check
// and the connection (DNS rebinding) is caught too; a redirect is checked the same way before it is followed.
import { lookup as dnsLookup } from "node:dns/promises";
import { request } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { describeRule, matchHost, type HostRule } from "@/lib/config/alert-hosts";
import { AlertError } from "./errors";

export interface OutboundPolicy {
  hosts: readonly HostRule[];
  /** Allowed hosts that may resolve to private or loopback addresses (CALLSCOPE_ALERT_PRIVATE_HOSTS). */
  privateHosts: readonly string[];
  /** Resolves a host name (tests give their own; default: the system's resolver). */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
  /** Certificates to trust beside the system's (tests' own receivers; operators use NODE_EXTRA_CA_CERTS). */
  ca?: string;
}

const refused = (why: string) =>
  new AlertError(400, "destination_refused", `callscope will not send alerts to this address: ${why}.`);

/** A URL's host without IPv6 brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Checks a URL's form against the policy (no network): throws AlertError 400 saying why, else returns it. */
export function checkUrl(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused("it is not a URL (paste the whole https:// address the workflow gave you)");
  }
  if (url.protocol !== "https:")
    throw refused(`it uses ${url.protocol.replace(/:$/, "")}, and only https is allowed`);
  if (url.username || url.password) throw refused("it carries a user name or password before the host");
  const host = bareHost(url);
  if (ipaddr.isValid(host) || /^\d+$/.test(host) || /^0x/i.test(host))
    throw refused(`${host} is an IP address; destinations are named by host, and the host must be allowed`);
  const port = url.port === "" ? 443 : Number(url.port);
  const rule = matchHost(policy.hosts, host, port);
  if (!rule) {
    const sameHost = policy.hosts.filter((entry) => matchHost([{ ...entry, port }], host, port));
    if (sameHost.length > 0)
      throw refused(
        `port ${port} is not allowed for ${host} (allowed: ${sameHost.map(describeRule).join(", ")})`,
      );
    throw refused(
      `${host} is not on CALLSCOPE_ALERT_HOSTS (allowed: ${policy.hosts.map(describeRule).join(", ") || "none"}); an administrator can add it`,
    );
  }
  return url;
}

/** Whether an address is public unicast (not private, loopback, link-local, multicast, reserved…). */
export function isPublicAddress(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

/** Resolves a host and refuses it when any address is not public (unless the host may be private). */
async function resolveChecked(hostname: string, policy: OutboundPolicy) {
  const resolve = policy.resolve ?? ((host: string) => dnsLookup(host, { all: true, verbatim: true }));
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(hostname);
  } catch {
    throw refused(`${hostname} does not resolve (check the name, or the server's DNS)`);
  }
  if (addresses.length === 0) throw refused(`${hostname} does not resolve`);
  if (!policy.privateHosts.includes(hostname.toLowerCase())) {
    const inside = addresses.find((entry) => !isPublicAddress(entry.address));
    if (inside)
      throw refused(
        `${hostname} resolves to ${inside.address}, a private, loopback or link-local address (list the host in CALLSCOPE_ALERT_PRIVATE_HOSTS if it is an internal relay you run)`,
      );
  }
  return addresses;
}

/** Checks a URL's form and where its host resolves; the check a destination passes before it is saved. */
export async function checkDestination(raw: string, policy: OutboundPolicy): Promise<URL> {
  const url = checkUrl(raw, policy);
  await resolveChecked(bareHost(url), policy);
  return url;
}

/** The socket's own lookup: the address connected to is the one checked. */
function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, policy).then(
      (addresses) => {
        const wanted = typeof options === "object" && options.family ? options.family : 0;
        const usable = addresses.filter((entry) => wanted === 0 || entry.family === wanted);
        const list = usable.length > 0 ? usable : addresses;
        if (typeof options === "object" && options.all) callback(null, list);
        else callback(null, list[0]?.address ?? "", list[0]?.family ?? 4);
      },
      (error: Error) => callback(Object.assign(error, { code: "EREFUSED" }), "", 4),
    );
  };
}

export interface PostResult {
  status: number;
  retryAfterMs: number | null;
  /** The first few hundred characters of the answer, without the URL's path or query (its secret). */
  excerpt: string;
}

const MAX_REDIRECTS = 3;
const EXCERPT_CHARS = 300;

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function hideSecrets(text: string, url: URL): string {
  let out = text;
  for (const secret of [url.search.slice(1), url.pathname].filter((part) => part.length > 8))
    out = out.split(secret).join("…");
  return out.replace(/\s+/g, " ").trim().slice(0, EXCERPT_CHARS);
}

function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
  timeoutMs: number,
) {
  return new Promise<PostResult & { location: string | null }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(policy),
        ...(policy.ca ? { ca: policy.ca } : {}),
        timeout: timeoutMs,
        // A fresh connection per alert: the lookup (and its check) runs for each.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          clearTimeout(deadline);
          resolve({
            status: res.statusCode ?? 0,
            retryAfterMs: retryAfterMs(res.headers["retry-after"]),
            excerpt: hideSecrets(Buffer.concat(chunks).toString("utf8"), url),
            location: typeof res.headers.location === "string" ? res.headers.location : null,
          });
        });
        res.on("error", reject);
      },
    );
    // A deadline for the whole exchange, not only for silence: a destination answering a byte every few
    // seconds never goes quiet long enough for an idle timeout.
    const deadline = setTimeout(() => {
      const error = new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s`);
      reject(error);
      req.destroy(error);
    }, timeoutMs);
    deadline.unref?.();
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.end(body);
  });
}

/**
 * POSTs `body` to a checked URL. 307/308 redirects are followed (at most three), each checked like the first
 * URL; other redirects are reported, not followed (they would turn the POST into a GET and drop the alert).
 * Throws AlertError 400 when a URL or address is refused; other failures (timeouts, resets) as Error.
 */
export async function postChecked(
  raw: string,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
  timeoutMs = 10_000,
): Promise<PostResult> {
  let url = checkUrl(raw, policy);
  for (let hop = 0; ; hop++) {
    let result: PostResult & { location: string | null };
    try {
      result = await postOnce(url, body, headers, policy, timeoutMs);
    } catch (error) {
      if (error instanceof AlertError) throw error;
      throw new Error(hideSecrets(error instanceof Error ? error.message : String(error), url));
    }
    if (![301, 302, 303, 307, 308].includes(result.status) || !result.location) return result;
    let next: URL;
    try {
      next = new URL(result.location, url);
    } catch {
      return { ...result, excerpt: "the destination redirected to an address that is not a URL" };
    }
    if (result.status !== 307 && result.status !== 308)
      return {
        ...result,
        excerpt: `the destination moved (${result.status} to ${next.host}); update its URL`,
      };
    if (hop >= MAX_REDIRECTS) throw refused(`it redirected more than ${MAX_REDIRECTS} times`);
    try {
      url = checkUrl(next.href, policy);
    } catch (error) {
      if (error instanceof AlertError)
        throw new AlertError(
          400,
          "destination_refused",
          `The destination redirected elsewhere, and ${error.message}`,
        );
      throw error;
    }
  }
}
