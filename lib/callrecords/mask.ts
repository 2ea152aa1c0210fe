import type { PhoneLogRow } from "./phone-log";
import type { CallSummary, Device, Endpoint, Identity, Network, Participant, Session } from "./model";

/** Turns an identity into a stable stand-in ("Participant 7KQ2"): the same person reads the same everywhere. */
export type Pseudonym = (identity: Identity) => string;

const MASK = "••••";
export const FEEDBACK_TEXT_HIDDEN =
  "(text hidden: your role does not see personal data, and free text can name people)";

function maskIdentity(identity: Identity | null, pseudonym: Pseudonym): Identity | null {
  if (!identity) return null;
  const asserted = identity.assertedIdentity;
  return {
    ...identity,
    id: null,
    displayName: pseudonym(identity),
    userPrincipalName: null,
    assertedIdentity: asserted
      ? { id: asserted.id === null ? null : MASK, displayName: asserted.displayName === null ? null : MASK }
      : null,
  };
}

function maskEndpoint(endpoint: Endpoint | null, pseudonym: Pseudonym): Endpoint | null {
  if (!endpoint) return null;
  const feedback = endpoint.feedback;
  return {
    ...endpoint,
    identity: maskIdentity(endpoint.identity, pseudonym),
    name: endpoint.name === null ? null : MASK,
    // Free text names people as often as it describes sound: a Reader sees that there was some, not what it says.
    feedback: feedback && feedback.text !== null ? { ...feedback, text: FEEDBACK_TEXT_HIDDEN } : feedback,
  };
}

function maskNetwork(network: Network | null): Network | null {
  if (!network) return null;
  const hide = (value: string | null) => (value === null ? null : MASK);
  return {
    ...network,
    ipAddress: hide(network.ipAddress),
    subnet: hide(network.subnet),
    macAddress: hide(network.macAddress),
    reflexiveIPAddress: hide(network.reflexiveIPAddress),
    relayIPAddress: hide(network.relayIPAddress),
    basicServiceSetIdentifier: hide(network.basicServiceSetIdentifier),
    dnsSuffix: hide(network.dnsSuffix),
    traceRouteHops: network.traceRouteHops.map((hop) => ({ ...hop, ipAddress: hide(hop.ipAddress) })),
  };
}

function maskDevice(device: Device | null): Device | null {
  if (!device) return null;
  return {
    ...device,
    captureDeviceName: device.captureDeviceName === null ? null : MASK,
    renderDeviceName: device.renderDeviceName === null ? null : MASK,
  };
}

/** Personal data hidden from a Reader: names, UPNs, user IDs, IP and MAC addresses, machine and device names. */
export function maskSessions(sessions: Session[], pseudonym: Pseudonym): Session[] {
  return sessions.map((session) => ({
    ...session,
    caller: maskEndpoint(session.caller, pseudonym),
    callee: maskEndpoint(session.callee, pseudonym),
    segments: session.segments.map((segment) => ({
      ...segment,
      caller: maskEndpoint(segment.caller, pseudonym),
      callee: maskEndpoint(segment.callee, pseudonym),
      media: segment.media.map((media) => ({
        ...media,
        callerNetwork: maskNetwork(media.callerNetwork),
        calleeNetwork: maskNetwork(media.calleeNetwork),
        callerDevice: maskDevice(media.callerDevice),
        calleeDevice: maskDevice(media.calleeDevice),
      })),
    })),
  }));
}

export function maskParticipants(participants: Participant[], pseudonym: Pseudonym): Participant[] {
  return participants.map((participant) => ({
    ...participant,
    id: null,
    identity: maskIdentity(participant.identity, pseudonym),
  }));
}

export function maskCall(call: CallSummary, pseudonym: Pseudonym): CallSummary {
  return {
    ...call,
    organizer: maskIdentity(call.organizer, pseudonym),
    joinWebUrl: call.joinWebUrl === null ? null : MASK,
  };
}

/**
 * A phone-log row for a Reader: the user becomes the same pseudonym as in call views, numbers and
 * the PSTN call ID (it carries an address) are hidden; codes, trunk, locations and charges stay.
 */
export function maskPhoneRows(rows: PhoneLogRow[], pseudonym: Pseudonym): PhoneLogRow[] {
  const hide = (value: string | null) => (value === null ? null : MASK);
  return rows.map((row) => ({
    ...row,
    reference: row.kind === "pstn" ? hide(row.reference) : row.reference,
    userId: null,
    userPrincipalName: null,
    userDisplayName:
      row.userId === null && row.userDisplayName === null
        ? null
        : pseudonym({
            kind: "user",
            id: row.userId,
            displayName: row.userDisplayName,
            userPrincipalName: row.userPrincipalName,
            tenantId: null,
            endpointType: null,
            assertedIdentity: null,
          }),
    callerNumber: hide(row.callerNumber),
    calleeNumber: hide(row.calleeNumber),
  }));
}

export const MASKED = MASK;
