import type { CallRecords } from "@microsoft/microsoft-graph-types";
import type { Random } from "./random";
import type { WireEndpoint } from "./wire";

export const DEMO_TENANT_DOMAIN = "contoso.example";

const FIRST = [
  "Abbie",
  "Owen",
  "Priya",
  "Mateo",
  "Yuki",
  "Amara",
  "Lars",
  "Chen",
  "Fatima",
  "Diego",
  "Ines",
  "Kofi",
  "Hana",
  "Noah",
  "Sofia",
  "Ravi",
  "Elif",
  "Jonas",
  "Mei",
  "Tariq",
  "Lena",
  "Omar",
  "Zoe",
  "Arjun",
  "Clara",
  "Femi",
];
const LAST = [
  "Wilkins",
  "Franklin",
  "Raman",
  "Alvarez",
  "Tanaka",
  "Okafor",
  "Berg",
  "Wei",
  "Haddad",
  "Costa",
  "Moreau",
  "Mensah",
  "Sato",
  "Fischer",
  "Rossi",
  "Iyer",
  "Kaya",
  "Weber",
  "Lin",
  "Aziz",
  "Novak",
  "Silva",
];

export interface Person {
  id: string;
  displayName: string;
  userPrincipalName: string;
  tenantId: string;
}

export function makePerson(rng: Random, tenantId: string, index: number): Person {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  return {
    id: rng.guid(),
    displayName: `${first} ${last}`,
    userPrincipalName: `${first}.${last}${index > 25 ? index : ""}@${DEMO_TENANT_DOMAIN}`.toLowerCase(),
    tenantId,
  };
}

export interface ClientProfile {
  platform: CallRecords.ClientPlatform;
  productFamily: CallRecords.ProductFamily;
  headerValue: string;
  cpuName: string | null;
  cpuCoresCount: number | null;
  cpuProcessorSpeedInMhz: number | null;
}

const CLIENTS: readonly ClientProfile[] = [
  {
    platform: "windows",
    productFamily: "teams",
    headerValue: "Teams/24295.605.3225.8804 (Windows 10.0.22631; x64)",
    cpuName: "Intel(R) Core(TM) i7-1185G7 @ 3.00GHz",
    cpuCoresCount: 8,
    cpuProcessorSpeedInMhz: 2995,
  },
  {
    platform: "windows",
    productFamily: "teams",
    headerValue: "Teams/24335.208.3315.1951 (Windows 10.0.26100; x64)",
    cpuName: "AMD Ryzen 7 PRO 7840U",
    cpuCoresCount: 16,
    cpuProcessorSpeedInMhz: 3301,
  },
  {
    platform: "macOS",
    productFamily: "teams",
    headerValue: "Teams/24295.606.3238.6194 (macOS 14.6.1; arm64)",
    cpuName: "Apple M2",
    cpuCoresCount: 8,
    cpuProcessorSpeedInMhz: null,
  },
  {
    platform: "web",
    productFamily: "teams",
    headerValue: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Teams-Web",
    cpuName: null,
    cpuCoresCount: 4,
    cpuProcessorSpeedInMhz: null,
  },
  {
    platform: "iOS",
    productFamily: "teams",
    headerValue: "Teams/6.22.2 (iOS 18.1; iPhone15,2)",
    cpuName: null,
    cpuCoresCount: 6,
    cpuProcessorSpeedInMhz: null,
  },
  {
    platform: "android",
    productFamily: "teams",
    headerValue: "Teams/1416/1.0.0.2024223903 (Android 14; SM-S918B)",
    cpuName: "Qualcomm Snapdragon 8 Gen 2",
    cpuCoresCount: 8,
    cpuProcessorSpeedInMhz: 3360,
  },
  {
    platform: "roomSystem",
    productFamily: "teams",
    headerValue: "Teams/1449/1.0.96.2024061103 (Teams Rooms; Windows 10.0.19045)",
    cpuName: "Intel(R) Core(TM) i5-8365UE",
    cpuCoresCount: 4,
    cpuProcessorSpeedInMhz: 1600,
  },
];

export const WINDOWS_CLIENT = CLIENTS[0] as ClientProfile;
export const MAC_CLIENT = CLIENTS[2] as ClientProfile;
export const ACS_CLIENT: ClientProfile = {
  platform: "web",
  productFamily: "azureCommunicationServices",
  headerValue: "azsdk-js-communication-calling/1.28.4",
  cpuName: null,
  cpuCoresCount: null,
  cpuProcessorSpeedInMhz: null,
};

export function pickClient(rng: Random): ClientProfile {
  const roll = rng.next();
  if (roll < 0.5) return rng.pick(CLIENTS.slice(0, 2));
  if (roll < 0.68) return CLIENTS[2] as ClientProfile;
  if (roll < 0.8) return CLIENTS[3] as ClientProfile;
  if (roll < 0.92) return rng.pick(CLIENTS.slice(4, 6));
  return CLIENTS[6] as ClientProfile;
}

export function participantEndpoint(
  person: Person,
  client: ClientProfile,
  machineName: string | null,
  feedback?: CallRecords.UserFeedback,
): WireEndpoint {
  return {
    "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
    name: machineName,
    cpuName: client.cpuName,
    cpuCoresCount: client.cpuCoresCount,
    cpuProcessorSpeedInMhz: client.cpuProcessorSpeedInMhz,
    userAgent: {
      "@odata.type": "#microsoft.graph.callRecords.clientUserAgent",
      headerValue: client.headerValue,
      applicationVersion: client.headerValue.split(/[/ ]/)[1] ?? null,
      platform: client.platform,
      productFamily: client.productFamily,
      azureADAppId: null,
      communicationServiceId: null,
    } as CallRecords.ClientUserAgent,
    identity: {
      "@odata.type": "#microsoft.graph.identitySet",
      user: {
        id: person.id,
        displayName: person.displayName,
        tenantId: person.tenantId,
        userPrincipalName: person.userPrincipalName,
      },
    } as CallRecords.ParticipantEndpoint["identity"],
    associatedIdentity: null,
    feedback: feedback ?? null,
  };
}

export function phoneEndpoint(number: string): WireEndpoint {
  return {
    "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
    name: null,
    userAgent: {
      "@odata.type": "#microsoft.graph.callRecords.clientUserAgent",
      headerValue: null,
      platform: "unknown",
      productFamily: "unknown",
    } as CallRecords.ClientUserAgent,
    identity: {
      "@odata.type": "#microsoft.graph.identitySet",
      phone: { id: number, displayName: null },
    } as CallRecords.ParticipantEndpoint["identity"],
    feedback: null,
  };
}

export function serviceEndpoint(role: CallRecords.ServiceRole, headerValue: string): WireEndpoint {
  return {
    "@odata.type": "#microsoft.graph.callRecords.serviceEndpoint",
    userAgent: {
      "@odata.type": "#microsoft.graph.callRecords.serviceUserAgent",
      headerValue,
      applicationVersion: headerValue.split("/")[1] ?? null,
      role,
    } as CallRecords.ServiceUserAgent,
  };
}

export const conferencingServer = () =>
  serviceEndpoint("skypeForBusinessAudioVideoMcu", "av-mcu/2024.11.08.1 (Microsoft Teams conferencing)");
export const pstnGateway = () => serviceEndpoint("mediationServer", "RTCC/2024.45.01.2 Mediation Server");

const TOKENS = [
  "NoSound",
  "OtherNoSound",
  "Echo",
  "Noisy",
  "LowVolume",
  "Stopped",
  "DistortedSound",
  "Interruptions",
  "BackgroundNoise",
  "DistortedSpeech",
  "ElectronicFeedback",
  "MuffledSpeech",
] as const;
const TEXTS = [
  "Audio kept dropping out.",
  "Could not hear the presenter clearly.",
  "Video froze a few times.",
  "Echo on my side for a while.",
  "Fine overall.",
  null,
];

export function randomFeedback(rng: Random, hadPoorMedia: boolean): CallRecords.UserFeedback {
  const rating: CallRecords.UserFeedbackRating = hadPoorMedia
    ? rng.pick(["bad", "poor", "fair"] as const)
    : rng.pick(["good", "excellent", "notRated", "fair"] as const);
  const tokens: Record<string, boolean> = {};
  for (const token of TOKENS) tokens[token] = hadPoorMedia && rng.chance(0.2);
  return { rating, text: rating === "notRated" ? null : rng.pick(TEXTS), tokens };
}
