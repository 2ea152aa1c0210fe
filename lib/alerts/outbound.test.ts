// Every way a destination URL is refused, against a real HTTPS receiver that counts what reached it: a refused
// URL must never be fetched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseHostRule, type HostRule } from "@/lib/config/alert-hosts";
import { startHttpsReceiver, type HttpsReceiver } from "@/lib/testing/alert-receivers";
import { AlertError } from "./errors";
import { checkDestination, isPublicAddress, postChecked, type OutboundPolicy } from "./outbound";

let receiver: HttpsReceiver;
let policy: OutboundPolicy;
const rule = (entry: string) => parseHostRule(entry) as HostRule;
const ADDRESSES: Record<string, string> = {
  "receiver.test": "127.0.0.1",
  "inside.test": "127.0.0.1",
  "metadata.test": "169.254.169.254",
  "mixed.test": "127.0.0.1",
};

beforeAll(async () => {
  receiver = await startHttpsReceiver(["receiver.test", "inside.test", "localhost"]);
  const port = receiver.port;
  policy = {
    hosts: ["receiver.test", "inside.test", "metadata.test", "localhost"].map((host) =>
      rule(`${host}:${port}`),
    ),
    // receiver.test stands for an internal relay the operator listed; inside.test was not listed.
    privateHosts: ["receiver.test"],
    resolve: async (host) => {
      const address = ADDRESSES[host];
      if (!address) throw new Error("ENOTFOUND");
      return [{ address, family: 4 }];
    },
    ca: receiver.ca,
  };
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
  receiver.replies.length = 0;
});

const url = (host: string, path = "/hook/secret-part-of-the-url") =>
  `https://${host}:${receiver.port}${path}`;

async function refusedWith(promise: Promise<unknown>, words: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AlertError);
  expect((error as AlertError).status).toBe(400);
  expect((error as AlertError).message).toMatch(words);
}

describe("a destination callscope may post to", () => {
  it("is posted to when its host is allowed and resolves where it may", async () => {
    const result = await postChecked(
      url("receiver.test"),
      "{}",
      { "content-type": "application/json" },
      policy,
    );
    expect(result.status).toBe(202);
    expect(receiver.received).toHaveLength(1);
  });
});

describe("a destination callscope refuses, never fetching it", () => {
  const cases: [string, () => string, RegExp][] = [
    ["an IPv4 literal", () => url("127.0.0.1"), /127\.0\.0\.1 is an IP address/],
    ["an IPv6 literal", () => url("[::1]"), /::1 is an IP address/],
    ["a decimal IP", () => `https://2130706433:${receiver.port}/`, /IP address/],
    ["plain http", () => `http://receiver.test:${receiver.port}/`, /uses http, and only https/],
    ["another scheme", () => "ftp://receiver.test/file", /uses ftp/],
    ["another port", () => "https://receiver.test:8443/hook", /port 8443 is not allowed for receiver\.test/],
    ["a host not on the list", () => url("evil.test"), /evil\.test is not on CALLSCOPE_ALERT_HOSTS/],
    [
      "credentials in the URL",
      () => `https://user:pw@receiver.test:${receiver.port}/`,
      /user name or password/,
    ],
    ["not a URL", () => "teams channel", /not a URL/],
    [
      "a private address after DNS",
      () => url("inside.test"),
      /inside\.test resolves to 127\.0\.0\.1, a private/,
    ],
    ["a link-local address after DNS", () => url("metadata.test"), /resolves to 169\.254\.169\.254/],
  ];
  for (const [what, target, words] of cases)
    it(`refuses ${what}`, async () => {
      await refusedWith(postChecked(target(), "{}", {}, policy), words);
      await refusedWith(checkDestination(target(), policy), words);
      expect(receiver.received).toHaveLength(0);
    });

  it("refuses localhost as the system's resolver answers it (loopback), unless listed as private", async () => {
    const real: OutboundPolicy = {
      hosts: [rule(`localhost:${receiver.port}`)],
      privateHosts: [],
      ca: receiver.ca,
    };
    await refusedWith(
      postChecked(url("localhost"), "{}", {}, real),
      /localhost resolves to (127\.0\.0\.1|::1)/,
    );
    expect(receiver.received).toHaveLength(0);
    const listed = { ...real, privateHosts: ["localhost"] };
    expect((await postChecked(url("localhost"), "{}", {}, listed)).status).toBe(202);
  });

  it("refuses a redirect to a private address, having sent only the first request", async () => {
    receiver.replies.push({ status: 307, headers: { location: url("inside.test", "/elsewhere") } });
    await refusedWith(
      postChecked(url("receiver.test"), "{}", {}, policy),
      /inside\.test resolves to 127\.0\.0\.1/,
    );
    expect(receiver.received.map((r) => r.path)).toEqual(["/hook/secret-part-of-the-url"]);
  });

  it("refuses a redirect to an IP literal", async () => {
    receiver.replies.push({ status: 308, headers: { location: `https://127.0.0.1:${receiver.port}/x` } });
    await refusedWith(
      postChecked(url("receiver.test"), "{}", {}, policy),
      /redirected elsewhere.*IP address/,
    );
    expect(receiver.received).toHaveLength(1);
  });

  it("follows a 307 to an allowed host, with the same body", async () => {
    receiver.replies.push({ status: 307, headers: { location: "/next" } });
    const result = await postChecked(url("receiver.test"), '{"a":1}', {}, policy);
    expect(result.status).toBe(202);
    expect(receiver.received.map((r) => [r.path, r.body])).toEqual([
      ["/hook/secret-part-of-the-url", '{"a":1}'],
      ["/next", '{"a":1}'],
    ]);
  });

  it("does not follow a 302 (it would drop the POST's body) and says the destination moved", async () => {
    receiver.replies.push({ status: 302, headers: { location: url("receiver.test", "/moved") } });
    const result = await postChecked(url("receiver.test"), "{}", {}, policy);
    expect(result.status).toBe(302);
    expect(result.excerpt).toMatch(/moved \(302 to receiver\.test:\d+\); update its URL/);
    expect(receiver.received).toHaveLength(1);
  });

  it("keeps the URL's secret path out of the answer it reports", async () => {
    receiver.replies.push({ status: 400, body: "Bad hook /hook/secret-part-of-the-url: flow disabled" });
    const result = await postChecked(url("receiver.test"), "{}", {}, policy);
    expect(result.status).toBe(400);
    expect(result.excerpt).toBe("Bad hook …: flow disabled");
  });
});

describe("public addresses", () => {
  it("are public unicast only", () => {
    expect(["8.8.8.8", "2001:4860:4860::8888", "20.190.160.1"].map(isPublicAddress)).toEqual([
      true,
      true,
      true,
    ]);
    const inside = [
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "127.0.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
    ];
    expect(inside.map(isPublicAddress)).toEqual(inside.map(() => false));
    const inside6 = ["::1", "fe80::1", "fd12:3456::1", "::ffff:10.0.0.1", "ff02::1", "2001:db8::1"];
    expect(inside6.map(isPublicAddress)).toEqual(inside6.map(() => false));
  });
});
