// A group call's sessions run between each person and the meeting's media service. Fetched without
// `@odata.type` (odata.metadata=none, as real tenants' exports are), that service can arrive as an endpoint
// with no identity, no machine and an empty user agent: shape alone cannot call it a service, but in a group
// call nothing else is like it. It is the meeting, not a second person.
import type { Endpoint, Segment, Session } from "./model";

/** The role callscope gives an identity-less endpoint of a group call (not one of Graph's serviceRole values). */
export const MEETING_SERVICE_ROLE = "unidentifiedMeetingService";

/** Nothing in the endpoint says who or what it is. */
export function isUnidentified(endpoint: Endpoint | null): endpoint is Endpoint {
  if (!endpoint || endpoint.kind !== "unknown") return false;
  const agent = endpoint.userAgent;
  return (
    endpoint.identity === null &&
    endpoint.name === null &&
    endpoint.cpuName === null &&
    !agent?.platform &&
    !agent?.productFamily &&
    !agent?.azureADAppId &&
    !agent?.applicationVersion
  );
}

function asService(endpoint: Endpoint | null): Endpoint | null {
  if (!isUnidentified(endpoint)) return endpoint;
  return {
    ...endpoint,
    kind: "service",
    userAgent: {
      headerValue: endpoint.userAgent?.headerValue ?? null,
      applicationVersion: null,
      platform: null,
      productFamily: null,
      azureADAppId: null,
      communicationServiceId: endpoint.userAgent?.communicationServiceId ?? null,
      role: MEETING_SERVICE_ROLE,
    },
  };
}

const touches = (session: Session) =>
  [session.caller, session.callee, ...session.segments.flatMap((s) => [s.caller, s.callee])].some(
    isUnidentified,
  );

/** The session with a group call's identity-less endpoints marked as the meeting's service; others as they are. */
export function withMeetingService(session: Session, callType: string | null): Session {
  if (callType !== "groupCall" || !touches(session)) return session;
  return {
    ...session,
    caller: asService(session.caller),
    callee: asService(session.callee),
    segments: session.segments.map((segment): Segment => ({
      ...segment,
      caller: asService(segment.caller),
      callee: asService(segment.callee),
    })),
  };
}
