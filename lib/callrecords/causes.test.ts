import { describe, expect, it } from "vitest";
import { describeCause, meetingCauses } from "./causes";
import { conferencingServer, media, network, person, session, stream } from "./fixtures";
import type { Device, Network } from "./model";
import { streamRows } from "./streams";

/** A meeting of `count` people through a conferencing server; `shape(i)` says person i's network and whether they were poor. */
function meeting(
  count: number,
  shape: (i: number) => { network: Network; poor: boolean; microphone?: string },
) {
  const sessions = Array.from({ length: count }, (_, i) => {
    const { network: net, poor, microphone } = shape(i);
    const jitter = poor ? 60 : 5;
    const audio = media(
      "audio",
      [
        stream({ direction: "callerToCallee", averageJitterMs: jitter, packetUtilization: 900 }),
        stream({ direction: "calleeToCaller", averageJitterMs: jitter, packetUtilization: 900 }),
      ],
      { callerNetwork: net, callerDevice: microphone ? ({ captureDeviceName: microphone } as Device) : null },
    );
    return session(`s${i}`, person(`P${i}`), conferencingServer(), [audio]);
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
      filters: { connectionType: "wifi" },
    });
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
    expect(causes.find((cause) => cause.factor === "Country")?.value).toBe("NO");
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
