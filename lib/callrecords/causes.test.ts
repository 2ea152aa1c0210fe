import { describe, expect, it } from "vitest";
import { describeCause, meetingCauses } from "./causes";
import { conferencingServer, media, network, person, session, stream } from "./fixtures";
import type { Device, Network } from "./model";
import { streamRows } from "./streams";

/** A meeting of `count` people through a conferencing server; `shape(i)` says person i's network and whether they were poor. */
function meeting(
  count: number,
  shape: (i: number) => { network: Network; poor: boolean; microphone?: string; platform?: string },
) {
  const sessions = Array.from({ length: count }, (_, i) => {
    const { network: net, poor, microphone, platform } = shape(i);
    const jitter = poor ? 60 : 5;
    const audio = media(
      "audio",
      [
        stream({ direction: "callerToCallee", averageJitterMs: jitter, packetUtilization: 900 }),
        stream({ direction: "calleeToCaller", averageJitterMs: jitter, packetUtilization: 900 }),
      ],
      { callerNetwork: net, callerDevice: microphone ? ({ captureDeviceName: microphone } as Device) : null },
    );
    const who = person(`P${i}`);
    if (platform && who.userAgent) who.userAgent = { ...who.userAgent, platform };
    return session(`s${i}`, who, conferencingServer(), [audio]);
  });
  return streamRows(sessions);
}

describe("causes that explain a meeting", () => {
  it("finds the one bad subnet behind the poor minority", () => {
    // 200 people; the 20 behind 10.9.0.0 are poor 80 % of the time, everyone else 3 %.
    const rows = meeting(200, (i) => {
      const bad = i < 20;
      return {
        network: network({ subnet: bad ? "10.9.0.0" : `10.${i % 5}.0.0` }),
        poor: bad ? i % 5 !== 0 : i % 33 === 0,
      };
    });
    const [top] = meetingCauses(rows);
    expect(top).toMatchObject({ factor: "Subnet", value: "10.9.0.0", streams: 40, poor: 32 });
    expect(top?.outsideShare).toBeLessThan(0.05);
    expect(describeCause(top ?? ({} as never))).toBe(
      `80 % of streams from subnet 10.9.0.0 were poor (32 of 40), against ${Math.round((top?.outsideShare ?? 0) * 100)} % of the others (z = ${top?.z.toFixed(1)}).`,
    );
  });

  it("ranks 2.4 GHz Wi-Fi first when the band, not Wi-Fi itself, is the problem", () => {
    const rows = meeting(300, (i) => {
      const band = i % 3 === 0 ? "frequency24GHz" : "frequency50GHz";
      const wifi = i % 2 === 0;
      return {
        network: network({ connectionType: wifi ? "wifi" : "wired", wifiBand: wifi ? band : null }),
        poor: wifi && band === "frequency24GHz" ? i % 4 !== 0 : i % 40 === 0,
      };
    });
    const causes = meetingCauses(rows);
    expect(causes[0]).toMatchObject({
      factor: "Wi-Fi band",
      value: "frequency24GHz",
      label: "streams on Wi-Fi 2.4 GHz",
    });
    // "Show these sessions" is exactly the 2.4 GHz ones: not every Wi-Fi session.
    const expected = Array.from({ length: 300 }, (_, i) => i)
      .filter((i) => i % 6 === 0)
      .map((i) => `s${i}`);
    expect([...(causes[0]?.sessionIds ?? [])].sort()).toEqual(expected.sort());
    // A Wi-Fi band is Wi-Fi by definition: never offered as a confound of itself.
    expect(causes[0]?.confounded.some((c) => c.startsWith("Connection"))).toBe(false);
  });

  it("merges factors that pick out the same people into one line that names both", () => {
    // Everyone on the VPN is also on TCP: one cause, not two.
    const rows = meeting(200, (i) => {
      const vpn = i % 5 === 0;
      return {
        network: network({
          connectionType: vpn ? "tunnel" : "wired",
          networkTransportProtocol: vpn ? "tcp" : "udp",
        }),
        poor: vpn ? i % 3 !== 0 : i % 40 === 0,
      };
    });
    const causes = meetingCauses(rows);
    expect(causes.filter((c) => c.factor === "Transport" || c.factor === "Connection")).toHaveLength(1);
    expect(causes[0]).toMatchObject({ factor: "Connection", value: "tunnel" });
    expect(causes[0]?.same).toEqual([{ factor: "Transport", value: "tcp", label: "streams over TCP" }]);
    expect(describeCause(causes[0] ?? ({} as never))).toContain(
      "of streams on a VPN tunnel, which are also the streams over TCP, were poor",
    );
  });

  it("flags a value the cause's poor streams also share, without merging people it only contains", () => {
    // The troubled ISP's users are mostly on iOS; iOS also has a few users elsewhere.
    const rows = meeting(200, (i) => {
      const troubled = i % 8 === 0;
      const ios = troubled || i % 25 === 1;
      return {
        network: network({
          publicNetwork: {
            kind: "public",
            org: troubled ? "Example Cable" : "Example Fiber",
            asn: troubled ? 64501 : 64500,
            country: null,
          },
        }),
        platform: ios ? "iOS" : "windows",
        poor: troubled ? i % 3 !== 0 : i % 50 === 0,
      };
    });
    const isp = meetingCauses(rows).find((c) => c.factor === "ISP");
    expect(isp?.confounded).toContain("Platform iOS");
    expect(describeCause(isp ?? ({} as never))).toContain(
      "Most of these poor streams also share Platform iOS, so that may be the cause instead.",
    );
  });

  it("names no cause when the poor streams are spread evenly", () => {
    // Every sixth block of six people is poor: each subnet and connection has the same poor share.
    const rows = meeting(300, (i) => ({
      network: network({ subnet: `10.${i % 6}.0.0`, connectionType: i % 2 ? "wifi" : "wired" }),
      poor: Math.floor(i / 6) % 6 === 0,
    }));
    expect(meetingCauses(rows)).toEqual([]);
  });

  it("does not let a handful of unlucky people outrank a real pattern", () => {
    // Two people on a rare subnet, both poor; a real pattern on VPN.
    const rows = meeting(200, (i) => {
      if (i < 2) return { network: network({ subnet: "172.16.5.0" }), poor: true };
      const vpn = i % 8 === 0;
      return {
        network: network({ connectionType: vpn ? "tunnel" : "wired" }),
        poor: vpn ? i % 16 === 0 || i % 3 !== 0 : i % 50 === 0,
      };
    });
    const causes = meetingCauses(rows);
    expect(causes[0]).toMatchObject({
      factor: "Connection",
      value: "tunnel",
      label: "streams on a VPN tunnel",
    });
    expect(causes.some((cause) => cause.value === "172.16.5.0")).toBe(false);
  });

  it("names a site from the building data when the poor minority shares one", () => {
    // Subnets differ person to person, but the 30 poor ones all sit in 10.200.0.0/16: the Oslo office.
    const rows = meeting(240, (i) => {
      const oslo = i < 30;
      return {
        network: network({ subnet: oslo ? `10.200.${i}.0` : `10.${i % 50}.${i}.0` }),
        poor: oslo ? i % 6 !== 0 : i % 40 === 0,
      };
    });
    const siteOf = (n: Network | null) =>
      n?.subnet?.startsWith("10.200.") ? "Oslo office" : n?.subnet ? "Lisbon HQ" : null;
    expect(meetingCauses(rows).some((cause) => cause.factor === "Site")).toBe(false);
    expect(meetingCauses(rows, 5, siteOf)[0]).toMatchObject({
      factor: "Site",
      value: "Oslo office",
      label: "streams from Oslo office",
      streams: 60,
    });
  });

  it("names the one ISP behind the poor minority, and its country", () => {
    const isp = (org: string, asn: number, country: string) => ({
      kind: "public" as const,
      org,
      asn,
      country,
    });
    const rows = meeting(200, (i) => {
      const troubled = i % 6 === 0;
      return {
        network: network({
          publicNetwork: troubled
            ? isp("Example Cable", 64501, "NO")
            : isp(i % 2 ? "Example Fiber" : "Example Mobile", i % 2 ? 64500 : 64502, "PT"),
        }),
        poor: troubled ? i % 4 !== 0 : i % 50 === 0,
      };
    });
    const causes = meetingCauses(rows);
    expect(causes[0]).toMatchObject({
      factor: "ISP",
      value: "Example Cable (AS64501)",
      label: "streams through Example Cable (AS64501)",
    });
    // The country picks out the same people as the ISP: named in the same line, not listed apart.
    expect(causes[0]?.same).toEqual([
      { factor: "Country", value: "NO", label: "streams from addresses in NO" },
    ]);
    expect(causes.some((cause) => cause.factor === "Country")).toBe(false);
  });

  it("names the microphone the poor ones share", () => {
    const rows = meeting(200, (i) => {
      const cheap = i % 7 === 0;
      return {
        network: network(),
        microphone: cheap ? "Cheap USB Headset" : `Laptop mic ${i % 3}`,
        poor: cheap ? i % 2 === 0 || i % 3 === 0 : i % 45 === 0,
      };
    });
    expect(meetingCauses(rows)[0]).toMatchObject({
      factor: "Microphone",
      value: "Cheap USB Headset",
      label: "streams from people using Cheap USB Headset",
    });
  });

  it("has nothing to say about a call without classified or poor streams", () => {
    expect(meetingCauses([])).toEqual([]);
    expect(meetingCauses(meeting(50, () => ({ network: network(), poor: false })))).toEqual([]);
  });
});
