// A record valid by Graph's v1.0 schema but as odd as real tenants send: built from the real-tenant shape,
// widened to 64 sessions so that Graph's second page carries its own odd values. Each change names the Graph
// docs page that allows it. The emulator serves it (scenario "odd-shapes"); unit and e2e tests read it.
import realTenant from "../../lib/graph/fixtures/real-tenant-shape.json";

type Json = Record<string, unknown>;

/** Sessions in all: one more than a page of 60, and a few, so that the second page has odd values of its own. */
export const ODD_SHAPES_SESSIONS = 64;

const id = (n: number, kind = "5e55") => `0dd5a9e0-${kind}-4000-8000-${String(n).padStart(12, "0")}`;

/** Session n's ID (from 3 on: the first three are the real tenant's own). */
export const oddSessionId = (n: number) => id(n);

/** The people the record adds to the real tenant's, as participants_v2 lists them. */
const ODD_PEOPLE: Json[] = [
  // identitySet (communicationsIdentitySet): known only by who it presented itself as, a Skype for Business phone.
  {
    id: id(1, "a55e"),
    identity: {
      assertedIdentity: { id: "+14255550100", displayName: "Reception phone" },
      endpointType: "skypeForBusinessVoipPhone",
    },
  },
  // teamworkUserIdentity in the `user` slot, typed an anonymous guest.
  {
    id: id(2, "a55e"),
    identity: {
      user: {
        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
        id: id(2, "a55e"),
        displayName: "Visitor (unverified)",
        userIdentityType: "anonymousGuest",
      },
    },
  },
  // communicationsApplicationInstanceIdentity with hidden: true (a recorder no one sees in the roster).
  {
    id: id(3, "a55e"),
    identity: {
      applicationInstance: {
        "@odata.type": "#microsoft.graph.communicationsApplicationInstanceIdentity",
        id: id(3, "a55e"),
        displayName: "Compliance recorder",
        hidden: true,
      },
    },
  },
  // teamworkConversationIdentity in the `user` slot.
  {
    id: id(4, "a55e"),
    identity: {
      user: {
        "@odata.type": "#microsoft.graph.teamworkConversationIdentity",
        id: "19:meeting_odd@thread.v2",
        displayName: "Project channel",
        conversationIdentityType: "channel",
      },
    },
  },
  // A participant Graph could not identify at all: no ID, no identity.
  { id: null, identity: null, administrativeUnitInfos: [] },
];

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Attendee n, as participants_v2 lists them and as their sessions name them. */
const attendee = (n: number) => {
  const user = {
    id: id(n, "b0b0"),
    displayName: `Attendee ${n}`,
    tenantId: "dc368399-474c-4d40-900c-6265431fd81f",
  };
  return { id: user.id, identity: { user }, administrativeUnitInfos: [] };
};

/** A copy of the real tenant's second session (a person and the meeting service) as session n, with attendee n. */
function sessionAt(template: Json, n: number): Json {
  const session = clone(template);
  session.id = id(n);
  const caller = session.caller as Json;
  caller.identity = attendee(n).identity;
  caller.associatedIdentity = null;
  // The template's uplink is poor (42 ms of jitter): the attendees' are good, so the planted values stand out.
  Object.assign(upstream(session), { averageJitter: "PT0.012S" });
  const segments = session.segments as Json[];
  for (const [index, segment] of segments.entries()) segment.id = id(n * 10 + index, "5e6e");
  return session;
}

const firstAudio = (session: Json): Json => {
  const media = ((session.segments as Json[])[0]?.media as Json[])[0] as Json;
  return media;
};
const upstream = (session: Json): Json => (firstAudio(session).streams as Json[])[0] as Json;

export function oddShapesRecord(): Json {
  const base = clone(realTenant) as unknown as Json;
  const sessions = base.sessions as Json[];
  const template = sessions[1] as Json;
  while (sessions.length < ODD_SHAPES_SESSIONS) sessions.push(sessionAt(template, sessions.length));

  // failureInfo (callrecords-failureinfo): present means failed, even empty or with nothing known.
  (sessions[3] as Json).failureInfo = {};
  (sessions[4] as Json).failureInfo = { stage: "unknown", reason: "" };

  // mediaStream (callrecords-mediastream): averageJitter one tick over CQD's 30 ms.
  Object.assign(upstream(sessions[5] as Json), { averageJitter: "PT0.0300001S", packetUtilization: 6000 });
  // Only maximums reported: telemetry arrived, the averages did not.
  Object.assign(upstream(sessions[6] as Json), {
    averageJitter: null,
    averagePacketLossRate: null,
    averageRoundTripTime: null,
    maxJitter: "PT0.08S",
    maxPacketLossRate: 0.2,
  });
  // networkInfo (callrecords-networkinfo): a share of -1 %, a hop without its number.
  Object.assign(firstAudio(sessions[7] as Json).callerNetwork as Json, {
    wifiSignalStrength: -1,
    traceRouteHops: [
      { hopCount: 1, ipAddress: "192.168.0.1", roundTripTime: "PT0.002S" },
      { hopCount: null, ipAddress: "10.10.0.1", roundTripTime: "PT0.009S" },
    ],
  });
  // deviceInfo (callrecords-deviceinfo): the Int32 maximum where a level belongs.
  Object.assign(firstAudio(sessions[7] as Json).callerDevice as Json, { receivedSignalLevel: 2147483647 });
  // A session whose end is before its start (the clocks disagree).
  Object.assign(sessions[8] as Json, {
    endDateTime: "2026-11-20T09:00:59Z",
    startDateTime: "2026-11-20T09:01:00Z",
  });

  // The second page (sessions 60–63): Edm.Single as strings, as Graph's OpenAPI allows them.
  Object.assign(upstream(sessions[60] as Json), { averagePacketLossRate: "NaN" });
  Object.assign(upstream(sessions[61] as Json), { averagePacketLossRate: "0.25" });
  Object.assign(firstAudio(sessions[62] as Json).callerNetwork as Json, { sentQualityEventRatio: "INF" });
  // A session that cannot be read at all (no ID): left out and reported, the rest of its page kept.
  delete (sessions[63] as Json).id;

  // The odd people: in participants_v2, and the first two as the callers of sessions 9 and 10.
  const attendees = sessions.slice(3).map((_, index) => attendee(index + 3));
  base.participants_v2 = [...(base.participants_v2 as Json[]), ...attendees, ...ODD_PEOPLE];
  const caller = (n: number) => (sessions[n] as Json).caller as Json;
  Object.assign(caller(9), { identity: ODD_PEOPLE[0]?.identity, associatedIdentity: null });
  Object.assign(caller(10), { identity: ODD_PEOPLE[1]?.identity, associatedIdentity: null });
  return base;
}
