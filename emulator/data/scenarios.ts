import type { CallRecords } from "@microsoft/microsoft-graph-types";
import type { DemoScenario } from "../../lib/demo/calls";
import {
  ACS_CLIENT,
  MAC_CLIENT,
  WINDOWS_CLIENT,
  conferencingServer,
  makePerson,
  participantEndpoint,
  phoneEndpoint,
  pickClient,
  pstnGateway,
  randomFeedback,
  type ClientProfile,
  type Person,
} from "./endpoints";
import { deviceInfo, networkInfo, type NetworkKind } from "./network";
import { Random } from "./random";
import { audioStream, videoStream, type StreamQuality } from "./streams";
import { replayRecord } from "./replays";
import {
  isoTime,
  type WireCallRecord,
  type WireEndpoint,
  type WireMedia,
  type WireSegment,
  type WireSession,
} from "./wire";

export interface Leg {
  endpoint: WireEndpoint;
  network: NetworkKind;
  relayed: boolean;
  telemetry: boolean;
  faultyRender?: boolean;
}

export type MediaPlan =
  | {
      kind: "audio";
      callerToCallee: StreamQuality;
      calleeToCaller: StreamQuality;
      override?: Partial<
        Record<
          CallRecords.MediaStreamDirection,
          { jitterMs?: number; lossRate?: number; roundTripMs?: number }
        >
      >;
    }
  | {
      kind: "video" | "screen";
      callerToCallee: boolean;
      calleeToCaller: boolean;
      oneWay?: CallRecords.MediaStreamDirection;
    };

const LABELS = { audio: "main-audio", video: "main-video", screen: "applicationsharing-video" } as const;
const MINUTE = 60_000;

interface SegmentNetworks {
  caller: ReturnType<typeof networkInfo>;
  callee: ReturnType<typeof networkInfo>;
}

function media(
  rng: Random,
  plan: MediaPlan,
  caller: Leg,
  callee: Leg,
  window: { start: number; end: number },
  networks: SegmentNetworks,
): WireMedia {
  const streams =
    plan.kind === "audio"
      ? [
          audioStream(
            rng,
            "callerToCallee",
            caller.telemetry ? plan.callerToCallee : "silent",
            window,
            plan.override?.callerToCallee,
          ),
          audioStream(
            rng,
            "calleeToCaller",
            caller.telemetry ? plan.calleeToCaller : "silent",
            window,
            plan.override?.calleeToCaller,
          ),
        ]
      : (["callerToCallee", "calleeToCaller"] as const)
          .filter((direction) => !plan.oneWay || plan.oneWay === direction)
          .map((direction) =>
            videoStream(rng, direction, plan.kind as "video" | "screen", plan[direction], window),
          );
  return {
    label: LABELS[plan.kind],
    callerNetwork: networks.caller,
    calleeNetwork: networks.callee,
    callerDevice:
      caller.network === "server"
        ? {}
        : deviceInfo(rng, { telemetry: caller.telemetry, faultyRender: caller.faultyRender }),
    calleeDevice:
      callee.network === "server"
        ? {}
        : deviceInfo(rng, { telemetry: callee.telemetry, faultyRender: callee.faultyRender }),
    streams,
  };
}

export function segment(
  rng: Random,
  window: { start: number; end: number },
  caller: Leg,
  callee: Leg,
  plans: MediaPlan[],
  failureInfo: CallRecords.FailureInfo | null = null,
): WireSegment {
  // One network per side for the whole segment: every media of a leg shares it.
  const networks = {
    caller: networkInfo(rng, caller.network, caller.relayed),
    callee: networkInfo(rng, callee.network, callee.relayed),
  };
  return {
    id: rng.guid(),
    startDateTime: isoTime(window.start),
    endDateTime: isoTime(window.end),
    caller: caller.endpoint,
    callee: callee.endpoint,
    failureInfo,
    media: plans.map((plan) => media(rng, plan, caller, callee, window, networks)),
  };
}

function modalitiesOf(plans: MediaPlan[]): CallRecords.Modality[] {
  const set = new Set<CallRecords.Modality>();
  for (const plan of plans) set.add(plan.kind === "screen" ? "screenSharing" : plan.kind);
  return [...set];
}

export function session(
  id: string,
  caller: Leg,
  callee: Leg,
  segments: WireSegment[],
  plans: MediaPlan[],
  failureInfo: CallRecords.FailureInfo | null = null,
): WireSession {
  const first = segments[0];
  const last = segments[segments.length - 1];
  return {
    id,
    modalities: modalitiesOf(plans),
    startDateTime: first?.startDateTime,
    endDateTime: last?.endDateTime,
    isTest: false,
    caller: caller.endpoint,
    callee: callee.endpoint,
    failureInfo,
    segments,
  };
}

export function record(
  id: string,
  rng: Random,
  type: CallRecords.CallType,
  organizer: Person,
  sessions: WireSession[],
  version = 1,
): WireCallRecord {
  const starts = sessions.map((s) => Date.parse(s.startDateTime ?? ""));
  const ends = sessions.map((s) => Date.parse(s.endDateTime ?? ""));
  const end = Math.max(...ends);
  const modalities = new Set<CallRecords.Modality>();
  for (const s of sessions) for (const m of s.modalities ?? []) modalities.add(m);
  return {
    id,
    version,
    type,
    modalities: [...modalities],
    lastModifiedDateTime: isoTime(end + 22 * MINUTE),
    startDateTime: isoTime(Math.min(...starts)),
    endDateTime: isoTime(end),
    // As Teams writes it: the meeting's thread, then the organizer's tenant and object ID in `context`.
    joinWebUrl:
      type === "groupCall"
        ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${rng.guid().replace(/-/g, "")}%40thread.v2/0?context=${encodeURIComponent(JSON.stringify({ Tid: organizer.tenantId, Oid: organizer.id }))}`
        : null,
    organizer_v2: {
      id: organizer.id,
      identity: {
        user: {
          id: organizer.id,
          displayName: organizer.displayName,
          tenantId: organizer.tenantId,
          userPrincipalName: organizer.userPrincipalName,
        },
      } as CallRecords.Organizer["identity"],
    },
    sessions,
  };
}

export const personLeg = (
  person: Person,
  client: ClientProfile,
  network: NetworkKind,
  relayed: boolean,
  machine: string | null,
  feedback?: CallRecords.UserFeedback,
): Leg => ({
  endpoint: participantEndpoint(person, client, machine, feedback),
  network,
  relayed,
  telemetry: true,
});
export const serverLeg = (endpoint: WireEndpoint): Leg => ({
  endpoint,
  network: "server",
  relayed: false,
  telemetry: true,
});

function cleanOneToOne(id: string, rng: Random, end: number, tenantId: string): WireCallRecord {
  const [alice, bob] = [makePerson(rng, tenantId, 1), makePerson(rng, tenantId, 2)];
  const start = end - 24 * MINUTE;
  const plans: MediaPlan[] = [
    { kind: "audio", callerToCallee: "good", calleeToCaller: "good" },
    { kind: "video", callerToCallee: false, calleeToCaller: false },
  ];
  const caller = personLeg(alice, WINDOWS_CLIENT, "wired", false, "CONTOSO-LT-0142");
  const callee = personLeg(bob, MAC_CLIENT, "wired", false, "Bobs-MacBook-Pro", {
    rating: "good",
    text: null,
    tokens: { NoSound: false, Echo: false, Noisy: false, LowVolume: false },
  });
  const seg = segment(rng, { start, end }, caller, callee, plans);
  return record(id, rng, "peerToPeer", alice, [session(id, caller, callee, [seg], plans)]);
}

function poorWifi(id: string, rng: Random, end: number, tenantId: string): WireCallRecord {
  const [caller_, callee_] = [makePerson(rng, tenantId, 1), makePerson(rng, tenantId, 2)];
  const start = end - 31 * MINUTE;
  const roam = start + 17 * MINUTE;
  const feedback: CallRecords.UserFeedback = {
    rating: "poor",
    text: `Kept cutting out, I could barely hear ${callee_.displayName.split(" ")[0]}.`,
    tokens: {
      NoSound: false,
      OtherNoSound: false,
      Echo: false,
      Noisy: false,
      LowVolume: false,
      Stopped: false,
      DistortedSound: false,
      Interruptions: true,
      DistortedSpeech: true,
      BackgroundNoise: false,
      FrozenVideo: true,
    } as CallRecords.FeedbackTokenSet,
  };
  const caller = personLeg(caller_, WINDOWS_CLIENT, "wired", false, "CONTOSO-LT-0917", feedback);
  const callee: Leg = {
    ...personLeg(callee_, pickClient(rng.fork("callee")), "wifi24Weak", true, "HOME-PC-22"),
    faultyRender: false,
  };
  const bad: MediaPlan[] = [
    {
      kind: "audio",
      callerToCallee: "good",
      calleeToCaller: "mixed",
      override: { calleeToCaller: { jitterMs: 61, lossRate: 0.124, roundTripMs: 184 } },
    },
    { kind: "video", callerToCallee: false, calleeToCaller: true },
  ];
  const better: MediaPlan[] = [
    {
      kind: "audio",
      callerToCallee: "good",
      calleeToCaller: "jitter",
      override: { calleeToCaller: { jitterMs: 36 } },
    },
    { kind: "video", callerToCallee: false, calleeToCaller: true },
  ];
  const segments = [
    segment(rng, { start, end: roam }, caller, callee, bad),
    segment(rng, { start: roam, end }, caller, callee, better),
  ];
  return record(id, rng, "peerToPeer", caller_, [session(id, caller, callee, segments, bad)]);
}

function failedPstn(id: string, rng: Random, end: number, tenantId: string): WireCallRecord {
  const user = makePerson(rng, tenantId, 1);
  const client = WINDOWS_CLIENT;
  const caller = personLeg(user, client, "wifi5", false, "CONTOSO-LT-0311");
  const gateway = serverLeg(pstnGateway());
  const phone: Leg = {
    endpoint: phoneEndpoint("+14255550143"),
    network: "server",
    relayed: false,
    telemetry: false,
  };
  const firstStart = end - 6 * MINUTE;
  const audio: MediaPlan[] = [{ kind: "audio", callerToCallee: "good", calleeToCaller: "good" }];
  const failure: CallRecords.FailureInfo = {
    stage: "callSetup",
    reason: "Gateway rejected the call: SIP 503 Service Unavailable from the SBC",
  };
  const failedSegment = segment(
    rng,
    { start: firstStart, end: firstStart + 4_000 },
    caller,
    gateway,
    [],
    failure,
  );
  failedSegment.media = null;
  const first = session(rng.guid(), caller, gateway, [failedSegment], audio, failure);
  first.modalities = ["audio"];
  const retryStart = firstStart + 40_000;
  const second = session(
    rng.guid(),
    caller,
    phone,
    [segment(rng, { start: retryStart, end }, caller, gateway, audio)],
    audio,
  );
  return record(id, rng, "peerToPeer", user, [first, second]);
}

type NetworkMix = readonly (readonly [NetworkKind, number])[];

interface GroupOptions {
  sessions: number;
  durationMinutes: number;
  presenterNetwork: NetworkKind;
  networkMix: NetworkMix;
  videoShare: number;
  /** When the presenter's uplink is poor, everyone's downlink video suffers. */
  presenterImpactsOthers: boolean;
  duplicates: number;
  /** Forces the presenter's uplink quality (their downlink stays good). */
  presenterUplink?: StreamQuality;
}

function qualityFor(rng: Random, network: NetworkKind, direction: "up" | "down"): StreamQuality {
  switch (network) {
    case "wifi24Weak":
      return rng.chance(direction === "up" ? 0.75 : 0.5)
        ? rng.pick(["jitter", "loss", "mixed"] as const)
        : "good";
    case "vpn":
      return rng.chance(0.7) ? rng.pick(["roundTrip", "mixed", "jitter"] as const) : "good";
    case "mobile":
      return rng.chance(0.35) ? rng.pick(["roundTrip", "loss"] as const) : "good";
    case "congestedOffice":
    case "badIspHome":
      return rng.chance(0.7) ? rng.pick(["loss", "jitter", "mixed"] as const) : "good";
    default:
      return rng.chance(0.015) ? rng.pick(["jitter", "loss"] as const) : "good";
  }
}

function pickNetwork(rng: Random, mix: NetworkMix): NetworkKind {
  let roll = rng.next();
  for (const [kind, share] of mix) {
    if (roll < share) return kind;
    roll -= share;
  }
  return "wired";
}

function groupCall(
  id: string,
  rng: Random,
  end: number,
  tenantId: string,
  options: GroupOptions,
): WireCallRecord {
  const start = end - options.durationMinutes * MINUTE;
  const sessions: WireSession[] = [];
  let organizer: Person | undefined;
  for (let i = 0; i < options.sessions; i++) {
    const r = rng.fork(i);
    const person = makePerson(r, tenantId, i);
    organizer ??= person;
    const presenter = i === 0;
    const network = presenter ? options.presenterNetwork : pickNetwork(r, options.networkMix);
    const client = !presenter && r.chance(0.01) ? ACS_CLIENT : presenter ? WINDOWS_CLIENT : pickClient(r);
    const telemetry = presenter || !r.chance(0.03);
    const short = !presenter && r.chance(0.04);
    const joined = presenter ? start : start + r.int(-2, 10) * MINUTE + r.int(0, 59_000);
    const left = presenter
      ? end
      : short
        ? joined + r.int(5_000, 40_000)
        : r.chance(0.15)
          ? joined + r.int(5, options.durationMinutes - 12) * MINUTE
          : end - r.int(0, 10) * MINUTE;
    const up = short
      ? "short"
      : presenter && options.presenterUplink
        ? options.presenterUplink
        : qualityFor(r, network, "up");
    const down = short
      ? "short"
      : presenter && options.presenterUplink
        ? "good"
        : qualityFor(r, network, "down");
    const plans: MediaPlan[] = [{ kind: "audio", callerToCallee: up, calleeToCaller: down }];
    if (presenter) {
      const poorUp = up !== "good";
      plans.push({ kind: "video", callerToCallee: poorUp, calleeToCaller: false });
      plans.push({ kind: "screen", callerToCallee: poorUp, calleeToCaller: false, oneWay: "callerToCallee" });
    } else if (r.chance(options.videoShare) && client.platform !== "unknown") {
      const presenterBad = options.presenterImpactsOthers;
      plans.push({
        kind: "video",
        callerToCallee: up !== "good" && up !== "short",
        calleeToCaller: presenterBad || (down !== "good" && down !== "short"),
      });
    }
    const feedback = r.chance(presenter ? 0 : 0.04)
      ? randomFeedback(r, up !== "good" || down !== "good" || options.presenterImpactsOthers)
      : undefined;
    const participant = {
      ...personLeg(
        person,
        client,
        network,
        network === "vpn" || r.chance(0.3),
        presenter ? "CONTOSO-LT-0001" : r.chance(0.3) ? null : `CONTOSO-${r.int(1000, 9999)}`,
        feedback,
      ),
      telemetry,
    };
    const server = serverLeg(conferencingServer());
    const reconnect = !short && left - joined > 10 * MINUTE && r.chance(0.1);
    const windows = reconnect
      ? [
          { start: joined, end: joined + (left - joined) / 2 },
          { start: joined + (left - joined) / 2 + 3_000, end: left },
        ]
      : [{ start: joined, end: left }];
    const failure: CallRecords.FailureInfo | null =
      !presenter && r.chance(0.004)
        ? { stage: "midcall", reason: "Media connectivity lost: no packets received for 30 seconds" }
        : null;
    const segments = windows.map((w, index) =>
      segment(r, w, participant, server, plans, index === windows.length - 1 ? failure : null),
    );
    sessions.push(session(r.guid(), participant, server, segments, plans, failure));
  }
  // Real data repeats a session now and then (auto attendant → call queue transfers): keep that quirk.
  for (let d = 0; d < options.duplicates && sessions.length > 10; d++) {
    const original = sessions[rng.int(1, sessions.length - 1)];
    if (original) sessions.splice(rng.int(1, sessions.length - 1), 0, structuredClone(original));
  }
  if (!organizer) throw new Error("a group call needs at least one session");
  return record(id, rng, "groupCall", organizer, sessions, 2);
}

const OFFICE_MIX: NetworkMix = [
  ["wired", 0.5],
  ["wifi5", 0.3],
  ["wifi24Weak", 0.07],
  ["mobile", 0.07],
  ["vpn", 0.06],
] as const;

export interface ScenarioInput {
  id: string;
  scenario: DemoScenario | "generic";
  seed: string;
  /** The call's end time. */
  end: number;
  tenantId: string;
  sessions?: number;
}

export function buildCallRecord(input: ScenarioInput): WireCallRecord {
  const rng = new Random(`${input.seed}:${input.id}`);
  const { id, end, tenantId } = input;
  switch (input.scenario) {
    case "clean-one-to-one":
      return cleanOneToOne(id, rng, end, tenantId);
    case "poor-wifi":
      return poorWifi(id, rng, end, tenantId);
    case "failed-pstn":
      return failedPstn(id, rng, end, tenantId);
    case "team-meeting":
      return groupCall(id, rng, end, tenantId, {
        sessions: 12,
        durationMinutes: 45,
        presenterNetwork: "vpn",
        presenterUplink: "mixed",
        networkMix: [
          ["wired", 0.7],
          ["wifi5", 0.3],
        ],
        videoShare: 0.8,
        presenterImpactsOthers: true,
        duplicates: 0,
      });
    case "town-hall":
      return groupCall(id, rng, end, tenantId, {
        sessions: 3000,
        durationMinutes: 75,
        presenterNetwork: "wired",
        networkMix: OFFICE_MIX,
        videoShare: 0.15,
        presenterImpactsOthers: false,
        duplicates: 2,
      });
    case "branch-meeting":
      return groupCall(id, rng, end, tenantId, {
        sessions: 120,
        durationMinutes: 40,
        presenterNetwork: "wired",
        networkMix: [
          ["congestedOffice", 0.15],
          ["wired", 0.5],
          ["wifi5", 0.35],
        ],
        videoShare: 0.2,
        presenterImpactsOthers: false,
        duplicates: 0,
      });
    case "isp-meeting":
      return groupCall(id, rng, end, tenantId, {
        sessions: 80,
        durationMinutes: 30,
        presenterNetwork: "wired",
        networkMix: [
          ["badIspHome", 0.2],
          ["wifi5", 0.6],
          ["wired", 0.2],
        ],
        videoShare: 0.3,
        presenterImpactsOthers: false,
        duplicates: 0,
      });
    case "huge-meeting":
      return groupCall(id, rng, end, tenantId, {
        sessions: 5000,
        durationMinutes: 90,
        presenterNetwork: "wired",
        networkMix: OFFICE_MIX,
        videoShare: 0.1,
        presenterImpactsOthers: false,
        duplicates: 0,
      });
    case "hostile":
      return { ...replayRecord("hostile", end), id };
    case "real-tenant":
    case "legacy-only":
    case "docs-example":
    case "odd-shapes":
      return { ...replayRecord(input.scenario, end), id };
    case "generic":
      return groupCall(id, rng, end, tenantId, {
        sessions: input.sessions ?? 1,
        durationMinutes: 30,
        presenterNetwork: "wired",
        networkMix: OFFICE_MIX,
        videoShare: 0.2,
        presenterImpactsOthers: false,
        duplicates: 0,
      });
  }
}
