// A week of everyday calls for the demo people (lib/demo/people.ts): one-to-ones, a daily meeting and
// phone calls, some of them poor, with the PSTN and Direct Routing log rows those phone calls leave —
// and failed phone calls that leave a log row but no call record, as real ones do.
import type { CallRecords } from "@microsoft/microsoft-graph-types";
import { demoPeople, type DemoPerson } from "../../lib/demo/people";
import {
  MAC_CLIENT,
  WINDOWS_CLIENT,
  conferencingServer,
  phoneEndpoint,
  pickClient,
  pstnGateway,
  serviceEndpoint,
  type Person,
} from "./endpoints";
import { Random } from "./random";
import { personLeg, record, segment, serverLeg, session, type Leg, type MediaPlan } from "./scenarios";
import { isoTime, type WireCallRecord, type WireSession } from "./wire";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Graph publishes a record 30 to 150 minutes after the call: nothing newer than this exists yet. */
const PUBLISH_DELAY = 45 * MINUTE;

export type PhoneRoute = "pstn" | "directRouting";

export interface WeekCall {
  id: string;
  kind: "oneToOne" | "meeting" | "phone";
  start: number;
  end: number;
  organizer: DemoPerson;
  others: DemoPerson[];
  /** Who had the bad network, when the call was poor. */
  poor: DemoPerson | null;
  phone?: { route: PhoneRoute; number: string; direction: "out" | "in" };
}

const SBC = "sbc1.contoso.example";
const asPerson = (person: DemoPerson, tenantId: string): Person => ({
  id: person.id,
  displayName: person.displayName,
  userPrincipalName: person.userPrincipalName,
  tenantId,
});
const at = (list: readonly DemoPerson[], index: number): DemoPerson => {
  const person = list[((index % list.length) + list.length) % list.length];
  if (!person) throw new Error("no demo people");
  return person;
};

/** The week's calls, newest day first; deterministic for a seed and "now". */
export function weekOfCalls(seed: string, now: number): WeekCall[] {
  const calls: WeekCall[] = [];
  const today = Math.floor(now / DAY) * DAY;
  for (let day = 0; day < 7; day++) {
    const base = today - day * DAY + 8 * HOUR;
    const add = (call: WeekCall) => {
      if (call.end <= now - PUBLISH_DELAY) calls.push(call);
    };
    demoPeople.forEach((person, p) => {
      const rng = new Random(`${seed}:week:${day}:${p}:one-to-one`);
      const start = base + (1 + p * 2) * HOUR + rng.int(0, 40) * MINUTE;
      const other = at(demoPeople, p + 1 + rng.int(0, 2));
      add({
        id: rng.guid(),
        kind: "oneToOne",
        start,
        end: start + rng.int(8, 35) * MINUTE,
        organizer: person,
        others: [other],
        poor: rng.chance(0.3) ? other : null,
      });
      if ((day + p) % 2 === 0) {
        const phone = new Random(`${seed}:week:${day}:${p}:phone`);
        const startPhone = base + (2 + p * 2) * HOUR + phone.int(0, 50) * MINUTE;
        add({
          id: phone.guid(),
          kind: "phone",
          start: startPhone,
          end: startPhone + phone.int(2, 12) * MINUTE + phone.int(0, 59) * 1000,
          organizer: person,
          others: [],
          poor: null,
          phone: {
            route: p % 2 === 0 ? "pstn" : "directRouting",
            number: `+1425555${phone.int(1000, 9999)}`,
            direction: day % 3 === 0 ? "in" : "out",
          },
        });
      }
    });
    const meeting = new Random(`${seed}:week:${day}:meeting`);
    const meetingStart = base + 6 * HOUR;
    add({
      id: meeting.guid(),
      kind: "meeting",
      start: meetingStart,
      end: meetingStart + 30 * MINUTE,
      organizer: at(demoPeople, day),
      others: demoPeople.filter(
        (_, i) => i !== ((day % demoPeople.length) + demoPeople.length) % demoPeople.length,
      ),
      poor: meeting.chance(0.4) ? at(demoPeople, day + 2) : null,
    });
  }
  return calls;
}

const goodAudio: MediaPlan = { kind: "audio", callerToCallee: "good", calleeToCaller: "good" };
const poorDownlink: MediaPlan = {
  kind: "audio",
  callerToCallee: "good",
  calleeToCaller: "mixed",
  override: { calleeToCaller: { jitterMs: 58, lossRate: 0.11, roundTripMs: 190 } },
};

function oneToOne(call: WeekCall, rng: Random, tenantId: string): WireCallRecord {
  const other = call.others[0] ?? call.organizer;
  const caller = personLeg(
    asPerson(call.organizer, tenantId),
    WINDOWS_CLIENT,
    "wired",
    false,
    "CONTOSO-LT-0420",
  );
  const callee = personLeg(
    asPerson(other, tenantId),
    rng.chance(0.5) ? MAC_CLIENT : pickClient(rng.fork("client")),
    call.poor ? "wifi24Weak" : "wifi5",
    call.poor !== null,
    null,
  );
  const plans: MediaPlan[] = [
    call.poor ? poorDownlink : goodAudio,
    { kind: "video", callerToCallee: false, calleeToCaller: call.poor !== null },
  ];
  const seg = segment(rng, { start: call.start, end: call.end }, caller, callee, plans);
  return record(call.id, rng, "peerToPeer", asPerson(call.organizer, tenantId), [
    session(call.id, caller, callee, [seg], plans),
  ]);
}

function meeting(call: WeekCall, rng: Random, tenantId: string): WireCallRecord {
  const sessions: WireSession[] = [call.organizer, ...call.others].map((person, index) => {
    const r = rng.fork(index);
    const poor = call.poor?.id === person.id;
    const leg = personLeg(
      asPerson(person, tenantId),
      WINDOWS_CLIENT,
      poor ? "wifi24Weak" : "wired",
      poor,
      null,
    );
    const plans: MediaPlan[] = [
      poor
        ? {
            kind: "audio",
            callerToCallee: "mixed",
            calleeToCaller: "jitter",
            override: { callerToCallee: { jitterMs: 64, lossRate: 0.13, roundTripMs: 210 } },
          }
        : goodAudio,
    ];
    const joined = call.start + (index === 0 ? 0 : r.int(0, 3) * MINUTE);
    const seg = segment(r, { start: joined, end: call.end }, leg, serverLeg(conferencingServer()), plans);
    return session(r.guid(), leg, serverLeg(conferencingServer()), [seg], plans);
  });
  return record(call.id, rng, "groupCall", asPerson(call.organizer, tenantId), sessions, 2);
}

function phoneCall(call: WeekCall, rng: Random, tenantId: string): WireCallRecord {
  const phone = call.phone;
  if (!phone) throw new Error("a phone call needs its number");
  const user = personLeg(
    asPerson(call.organizer, tenantId),
    WINDOWS_CLIENT,
    "wired",
    false,
    "CONTOSO-LT-0777",
  );
  const outside: Leg = {
    endpoint: phoneEndpoint(phone.number),
    network: "server",
    relayed: false,
    telemetry: false,
  };
  const gateway = serverLeg(
    phone.route === "pstn"
      ? pstnGateway()
      : serviceEndpoint("gateway", `${SBC}/7.40A.500.779 (AudioCodes Mediant SBC)`),
  );
  const [caller, callee] = phone.direction === "out" ? [user, outside] : [outside, user];
  const seg = segment(
    rng,
    { start: call.start, end: call.end },
    phone.direction === "out" ? user : gateway,
    phone.direction === "out" ? gateway : user,
    [goodAudio],
  );
  const built = record(call.id, rng, "peerToPeer", asPerson(call.organizer, tenantId), [
    session(call.id, caller, callee, [seg], [goodAudio]),
  ]);
  return built;
}

export function buildWeekCall(call: WeekCall, seed: string, tenantId: string): WireCallRecord {
  const rng = new Random(`${seed}:${call.id}`);
  if (call.kind === "oneToOne") return oneToOne(call, rng, tenantId);
  if (call.kind === "meeting") return meeting(call, rng, tenantId);
  return phoneCall(call, rng, tenantId);
}

// ---- The phone logs -------------------------------------------------------------------------

export type PstnRow = CallRecords.PstnCallLogRow & { id: string; startDateTime: string };
export type DirectRoutingRow = CallRecords.DirectRoutingLogRow & { id: string; startDateTime: string };

export interface PhoneLogs {
  pstn: PstnRow[];
  directRouting: DirectRoutingRow[];
}

/** Direct Routing logs show external numbers with their last digits masked, as Microsoft's example does. */
const maskTail = (number: string) => `${number.slice(0, -3)}***`;
const NEVER = "0001-01-01T00:00:00Z";

const SIP_FAILURES = [
  { code: 486, phrase: "Busy Here", sub: 560486 },
  { code: 480, phrase: "Temporarily Unavailable", sub: 560480 },
  { code: 503, phrase: "Service Unavailable", sub: 560503 },
  { code: 408, phrase: "Request Timeout", sub: 560408 },
] as const;

export function pstnRow(input: {
  rng: Random;
  user: DemoPerson | { id: string; displayName: string; userPrincipalName: string };
  start: number;
  end: number;
  callType: string;
  callerNumber: string;
  calleeNumber: string;
}): PstnRow {
  const { rng } = input;
  const seconds = Math.round((input.end - input.start) / 1000);
  const outbound = input.callType.endsWith("out");
  return {
    id: rng.guid(),
    callId: `${rng.int(1_000_000_000, 1_999_999_999)}_${rng.int(100_000_000, 199_999_999)}@52.112.${rng.int(0, 127)}.${rng.int(1, 254)}`,
    userId: input.user.id,
    userPrincipalName: input.user.userPrincipalName,
    userDisplayName: input.user.displayName,
    startDateTime: isoTime(input.start),
    endDateTime: isoTime(input.end),
    duration: seconds,
    charge: outbound ? Math.round(seconds * 0.0004 * 100) / 100 : 0,
    callType: input.callType,
    currency: "USD",
    calleeNumber: input.calleeNumber,
    usageCountryCode: "US",
    tenantCountryCode: "US",
    connectionCharge: 0,
    callerNumber: input.callerNumber,
    destinationContext: outbound ? "Domestic" : null,
    destinationName: outbound ? "United States" : null,
    conferenceId: null,
    licenseCapability: "MCOPSTNU",
    inventoryType: "Subscriber",
    operator: "Microsoft",
    callDurationSource: "microsoft",
  };
}

export function directRoutingRow(input: {
  rng: Random;
  user: { id: string; displayName: string; userPrincipalName: string } | null;
  start: number;
  end: number | null;
  callType: string;
  callerNumber: string;
  calleeNumber: string;
  failure?: (typeof SIP_FAILURES)[number];
  bypass?: boolean;
}): DirectRoutingRow {
  const { rng, failure } = input;
  const end = input.end;
  return {
    id: rng.guid(),
    correlationId: rng.guid(),
    userId: input.user?.id ?? null,
    userPrincipalName: input.user?.userPrincipalName ?? null,
    userDisplayName: input.user?.displayName ?? null,
    startDateTime: isoTime(input.start),
    inviteDateTime: isoTime(input.start - rng.int(1500, 4000)),
    failureDateTime: failure ? isoTime(input.start + rng.int(2000, 9000)) : NEVER,
    endDateTime: end === null || failure ? null : isoTime(end),
    duration: end === null || failure ? 0 : Math.round((end - input.start) / 1000),
    callType: input.callType,
    successfulCall: !failure,
    callerNumber: input.callerNumber,
    calleeNumber: input.calleeNumber,
    mediaPathLocation: input.bypass ? null : "EUWE",
    signalingLocation: "EUNO",
    finalSipCode: failure?.code ?? 0,
    callEndSubReason: failure?.sub ?? 540000,
    finalSipCodePhrase: failure?.phrase ?? "BYE",
    trunkFullyQualifiedDomainName: SBC,
    mediaBypassEnabled: input.bypass ?? false,
  };
}

/** The log rows of the week: one per phone call, failed attempts without a record, and other people's calls. */
export function weekPhoneLogs(seed: string, calls: readonly WeekCall[], now: number): PhoneLogs {
  const logs: PhoneLogs = { pstn: [], directRouting: [] };
  const frontDesk = {
    id: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a99",
    displayName: "Front Desk",
    userPrincipalName: "frontdesk@contoso.example",
  };
  for (const call of calls) {
    const phone = call.phone;
    if (!phone) continue;
    const rng = new Random(`${seed}:log:${call.id}`);
    const user = call.organizer;
    const out = phone.direction === "out";
    const start = call.start - rng.int(1, 4) * 1000;
    if (phone.route === "pstn") {
      logs.pstn.push(
        pstnRow({
          rng,
          user,
          start,
          end: call.end,
          callType: out ? "user_out" : "user_in",
          callerNumber: out ? user.number : phone.number,
          calleeNumber: out ? phone.number : user.number,
        }),
      );
    } else {
      logs.directRouting.push(
        directRoutingRow({
          rng,
          user,
          start,
          end: call.end,
          callType: out ? "ByotOut" : "ByotIn",
          callerNumber: out ? user.number : maskTail(phone.number),
          calleeNumber: out ? maskTail(phone.number) : user.number,
          bypass: user === demoPeople[3],
        }),
      );
    }
    // Someone else's call at the same minute: a match needs the user or the number, not the time alone.
    logs.pstn.push(
      pstnRow({
        rng: rng.fork("other"),
        user: frontDesk,
        start: start + 20_000,
        end: call.end + 60_000,
        callType: "user_out",
        callerNumber: "+14255550100",
        calleeNumber: `+1206555${rng.int(1000, 9999)}`,
      }),
    );
  }
  // Failed Direct Routing attempts: the callee was busy, unreachable or the SBC refused. No call record exists.
  const today = Math.floor(now / DAY) * DAY;
  for (let day = 0; day < 7; day++) {
    for (const p of [1, 3]) {
      const user = at(demoPeople, p);
      const rng = new Random(`${seed}:failed:${day}:${p}`);
      const start = today - day * DAY + 13 * HOUR + rng.int(0, 50) * MINUTE;
      if (start > now - PUBLISH_DELAY) continue;
      const failure = SIP_FAILURES[(day + p) % SIP_FAILURES.length] ?? SIP_FAILURES[0];
      logs.directRouting.push(
        directRoutingRow({
          rng,
          user,
          start,
          end: null,
          callType: "ByotOut",
          callerNumber: user.number,
          calleeNumber: maskTail(`+1425555${rng.int(1000, 9999)}`),
          failure,
        }),
      );
    }
  }
  return logs;
}

type WireIdentity = {
  id?: string | null;
  displayName?: string | null;
  userPrincipalName?: string | null;
} | null;
type WireIdentities = { user?: WireIdentity; phone?: WireIdentity };

/** The Direct Routing rows of a record with a phone leg (a demo scenario): a failed attempt and the retry. */
export function rowsForRecord(seed: string, record: WireCallRecord): DirectRoutingRow[] {
  const rng = new Random(`${seed}:log:${record.id}`);
  const rows: DirectRoutingRow[] = [];
  for (const s of record.sessions) {
    const identities = [s.caller, s.callee].map((endpoint) =>
      endpoint && "identity" in endpoint ? (endpoint.identity as WireIdentities | null | undefined) : null,
    );
    const user = identities.find((identity) => identity?.user)?.user;
    const start = Date.parse(s.startDateTime ?? "");
    const end = Date.parse(s.endDateTime ?? "");
    if (!user?.id || Number.isNaN(start)) continue;
    const number = identities.find((identity) => identity?.phone)?.phone?.id ?? "+14255550143";
    rows.push(
      directRoutingRow({
        rng: rng.fork(s.id ?? rows.length),
        user: {
          id: user.id,
          displayName: user.displayName ?? "",
          userPrincipalName: (user as { userPrincipalName?: string }).userPrincipalName ?? "",
        },
        start,
        end: Number.isNaN(end) ? null : end,
        callType: "ByotOut",
        callerNumber: "+14255550111",
        calleeNumber: maskTail(number),
        failure: s.failureInfo ? SIP_FAILURES[2] : undefined,
      }),
    );
  }
  return rows;
}
