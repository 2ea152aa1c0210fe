import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describePublicNetwork, withPublicNetworks } from "@/lib/callrecords/public-networks";
import { media, network, person, session, stream } from "@/lib/callrecords/fixtures";
import { createIpInfo, ipInfoSources } from "./service";

const fixture = createIpInfo({
  asnCsv: resolve("emulator/data/ip/asn-ipv4-num.csv"),
  countryCsv: resolve("emulator/data/ip/asn-country-ipv4-num.csv"),
});

describe("ISP and country of an address, offline", () => {
  it("names the ISP and country of a public address from the tables", async () => {
    await fixture.ready;
    expect(fixture.lookup("198.51.100.7")).toEqual({
      kind: "public",
      asn: 64501,
      org: "Example Cable, Inc.",
      country: "NO",
    });
    expect(describePublicNetwork(fixture.lookup("198.18.4.9"))).toBe("Example Fiber (AS64500), PT");
  });

  it("labels private, Microsoft relay and reserved addresses instead of looking them up", async () => {
    await fixture.ready;
    expect(fixture.lookup("10.1.2.3")?.kind).toBe("private");
    expect(fixture.lookup("52.113.20.1")?.kind).toBe("microsoft");
    expect(fixture.lookup("192.0.2.5")?.kind).toBe("reserved");
    expect(fixture.lookup("8.8.8.8")).toEqual({ kind: "public", asn: null, org: null, country: null });
    expect(fixture.lookup("••••")).toBeNull();
    expect(fixture.lookup("")).toBeNull();
  });

  it("does the same for IPv6: ISP and country from the IPv6 tables, private and relay ranges labelled", async () => {
    await fixture.ready;
    expect(fixture.lookup("2001:db8:cab:7::1")).toEqual({
      kind: "public",
      asn: 64501,
      org: "Example Cable, Inc.",
      country: "NO",
    });
    expect(describePublicNetwork(fixture.lookup("2001:db8:64:1a::9"))).toBe("Example Mobile (AS64502), PT");
    // Unique-local (fc00::/7) and link-local addresses never leave the site: private, not looked up.
    expect(fixture.lookup("fd12:3456:789a:1::20")?.kind).toBe("private");
    expect(fixture.lookup("fe80::1c2b:3d4e:5f60:7182")?.kind).toBe("private");
    expect(fixture.lookup("2603:1063:2:4::10")?.kind).toBe("microsoft");
    expect(fixture.lookup("::1")?.kind).toBe("reserved");
    expect(fixture.lookup("ff02::1")?.kind).toBe("reserved");
    // An IPv4-mapped IPv6 address is its IPv4 address.
    expect(fixture.lookup("::ffff:198.51.100.7")).toMatchObject({
      kind: "public",
      org: "Example Cable, Inc.",
    });
  });

  it("reads the real ip-location-db tables installed from npm", async () => {
    const real = createIpInfo(ipInfoSources({ ipAsnCsv: undefined, ipCountryCsv: undefined }));
    await real.ready;
    expect(real.lookup("1.0.0.1")).toMatchObject({ kind: "public", asn: 13335, org: "Cloudflare, Inc." });
    expect(real.lookup("2606:4700:4700::1111")).toMatchObject({ kind: "public", asn: 13335 });
    expect(real.lookup("2606:4700:4700::1111")?.country).toMatch(/^[A-Z]{2}$/);
  });

  it("adds each network's ISP to the sessions, by its public (reflexive) address", async () => {
    await fixture.ready;
    const sessions = [
      session("s", person("Ada"), person("Bo"), [
        media("audio", [stream()], { callerNetwork: network({ reflexiveIPAddress: "203.0.113.9" }) }),
      ]),
    ];
    const annotated = withPublicNetworks(sessions, fixture.lookup);
    expect(annotated[0]?.segments[0]?.media[0]?.callerNetwork?.publicNetwork?.org).toBe("Example Mobile");
    expect(sessions[0]?.segments[0]?.media[0]?.callerNetwork?.publicNetwork).toBeNull();
  });
});
