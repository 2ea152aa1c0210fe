// Graph's endpoints (caller, callee) and identities, wire → model.
import type { WireEndpoint, WireIdentitySet } from "@/lib/graph/schema";
import type { Endpoint, Feedback, Identity, IdentityKind, IdentityType } from "./model";
import { lookup } from "./describe";
import { reportedEnum, reportedPositive, reportedText } from "./reported";

// The primary identity is the first member present, in this order: a person before the application
// or device they used, a phone number before a bot that bridged it.
const IDENTITY_KINDS = [
  "user",
  "guest",
  "onPremises",
  "acsUser",
  "azureCommunicationServicesUser",
  "spoolUser",
  "phone",
  "encrypted",
  "applicationInstance",
  "acsApplicationInstance",
  "spoolApplicationInstance",
  "application",
  "device",
] as const satisfies readonly (keyof NonNullable<WireIdentitySet> & IdentityKind)[];

type WireIdentity = NonNullable<NonNullable<WireIdentitySet>["user"]>;

// Graph's identity types (the last part of `@odata.type`) and what each says the identity is.
const ODATA_TYPES: Record<string, IdentityType> = {
  communicationsUserIdentity: "user",
  userIdentity: "user",
  communicationsGuestIdentity: "guest",
  communicationsPhoneIdentity: "phone",
  azureCommunicationServicesUserIdentity: "acsUser",
  teamworkConversationIdentity: "conversation",
  communicationsApplicationIdentity: "application",
  teamworkApplicationIdentity: "application",
  communicationsApplicationInstanceIdentity: "applicationInstance",
  communicationsEncryptedIdentity: "encrypted",
};

// teamworkUserIdentity's userIdentityType values that say more than "a user".
const USER_IDENTITY_TYPES: Record<string, IdentityType> = {
  aadUser: "user",
  onPremiseAadUser: "user",
  anonymousGuest: "anonymousGuest",
  federatedUser: "federatedUser",
  personalMicrosoftAccountUser: "personalAccount",
  skypeUser: "skypeUser",
  phoneUser: "phone",
};

function identityType(identity: WireIdentity): IdentityType | null {
  const name = reportedText(identity["@odata.type"])?.split(".").pop();
  return (
    lookup(USER_IDENTITY_TYPES, reportedEnum(identity.userIdentityType)) ?? lookup(ODATA_TYPES, name) ?? null
  );
}

function identityFrom(kind: IdentityKind, identity: WireIdentity): Identity {
  const type = identityType(identity);
  return {
    kind,
    id: reportedText(identity.id),
    displayName: reportedText(identity.displayName),
    userPrincipalName: reportedText(identity.userPrincipalName),
    tenantId: reportedText(identity.tenantId),
    endpointType: null,
    assertedIdentity: null,
    ...(type ? { type } : {}),
    ...(identity.hidden ? { hidden: true } : {}),
  };
}

const isEmpty = (identity: Identity) => !identity.id && !identity.displayName && !identity.userPrincipalName;

/**
 * The identity of a set, merged with an endpoint's `associatedIdentity`: real records often carry the
 * sign-in name only there, and some carry nothing else.
 */
export function parseIdentity(set: WireIdentitySet, associated?: WireIdentity | null): Identity | null {
  let primary: Identity | null = null;
  for (const kind of IDENTITY_KINDS) {
    const member = set?.[kind];
    if (!member) continue;
    const candidate = identityFrom(kind, member);
    if (!isEmpty(candidate)) {
      primary = candidate;
      break;
    }
  }
  const extra = associated ? identityFrom("associated", associated) : null;
  const usableExtra = extra && !isEmpty(extra) ? extra : null;
  const asserted = set?.assertedIdentity
    ? {
        id: reportedText(set.assertedIdentity.id),
        displayName: reportedText(set.assertedIdentity.displayName),
      }
    : null;
  const endpointType = reportedEnum(set?.endpointType);
  // Known only by who it presented itself as (a Skype for Business phone): that is its identity, and says so.
  const assertedOnly =
    set?.assertedIdentity && (asserted?.id || asserted?.displayName)
      ? identityFrom("asserted", set.assertedIdentity)
      : null;
  const base = primary ?? usableExtra ?? assertedOnly;
  if (!base) return null;
  // The associated identity fills gaps only when it is not visibly someone else.
  const samePerson =
    !primary?.id || !usableExtra?.id || primary.id.toLowerCase() === usableExtra.id.toLowerCase();
  const fill = samePerson ? usableExtra : null;
  return {
    ...base,
    id: base.id ?? fill?.id ?? null,
    displayName: base.displayName ?? fill?.displayName ?? null,
    userPrincipalName: base.userPrincipalName ?? fill?.userPrincipalName ?? null,
    tenantId: base.tenantId ?? fill?.tenantId ?? null,
    endpointType,
    assertedIdentity:
      base !== assertedOnly && asserted && (asserted.id || asserted.displayName) ? asserted : null,
  };
}

/** Participant or service, from `@odata.type` when present, else from the shape (records fetched with odata.metadata=none). */
export function endpointKind(endpoint: NonNullable<WireEndpoint>): Endpoint["kind"] {
  const type = endpoint["@odata.type"] ?? "";
  if (type.endsWith("participantEndpoint")) return "participant";
  if (type.endsWith("serviceEndpoint")) return "service";
  const agent = endpoint.userAgent;
  const agentType = agent?.["@odata.type"] ?? "";
  if (agentType.endsWith("serviceUserAgent") || reportedText(agent?.role)) return "service";
  if (agentType.endsWith("clientUserAgent")) return "participant";
  // What only a person's client sends. Values that say nothing count for nothing: an identity set of nulls, the
  // `notRated` feedback real clients attach everywhere, and a platform or product family of "unknown" (a real
  // tenant's meeting service arrives so, with a null headerValue and no identity).
  const personal =
    parseIdentity(endpoint.identity, endpoint.associatedIdentity) ||
    parseFeedback(endpoint.feedback) ||
    reportedText(endpoint.name) ||
    reportedText(endpoint.cpuName);
  if (
    personal ||
    reportedEnum(agent?.platform) ||
    reportedEnum(agent?.productFamily) ||
    reportedText(agent?.azureADAppId)
  )
    return "participant";
  return "unknown";
}

/** Feedback counts only when it says something: real clients attach `notRated` with no tokens to every endpoint. */
export function parseFeedback(feedback: NonNullable<WireEndpoint>["feedback"]): Feedback | null {
  if (!feedback) return null;
  // A null-prototype object: token names are Graph's to choose, even "constructor" or "__proto__".
  const tokens: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const [name, value] of Object.entries(feedback.tokens ?? {})) {
    if (typeof value === "boolean" && !name.startsWith("@")) tokens[name] = value;
  }
  const rating = reportedEnum(feedback.rating) ?? "notRated";
  const text = reportedText(feedback.text);
  const anyFlag = Object.values(tokens).some(Boolean);
  if (rating === "notRated" && !text && !anyFlag) return null;
  return { rating, text, tokens };
}

export function parseEndpoint(endpoint: WireEndpoint): Endpoint | null {
  if (!endpoint) return null;
  const agent = endpoint.userAgent;
  return {
    kind: endpointKind(endpoint),
    identity: parseIdentity(endpoint.identity, endpoint.associatedIdentity),
    name: reportedText(endpoint.name),
    cpuName: reportedText(endpoint.cpuName),
    cpuCoresCount: reportedPositive(endpoint.cpuCoresCount),
    cpuProcessorSpeedInMhz: reportedPositive(endpoint.cpuProcessorSpeedInMhz),
    userAgent: agent
      ? {
          headerValue: reportedText(agent.headerValue),
          applicationVersion: reportedText(agent.applicationVersion),
          platform: reportedEnum(agent.platform),
          productFamily: reportedEnum(agent.productFamily),
          azureADAppId: reportedText(agent.azureADAppId),
          communicationServiceId: reportedText(agent.communicationServiceId),
          role: reportedEnum(agent.role),
        }
      : null,
    feedback: parseFeedback(endpoint.feedback),
  };
}
