// National clouds that host the callRecords API. China (21Vianet) does not offer it.
export const CLOUDS = {
  global: {
    label: "Global",
    authorityHost: "https://login.microsoftonline.com",
    graphBaseUrl: "https://graph.microsoft.com",
  },
  usgov: {
    label: "US Government L4 (GCC High)",
    authorityHost: "https://login.microsoftonline.us",
    graphBaseUrl: "https://graph.microsoft.us",
  },
  dod: {
    label: "US Government L5 (DoD)",
    authorityHost: "https://login.microsoftonline.us",
    graphBaseUrl: "https://dod-graph.microsoft.us",
  },
} as const;

export type CloudName = keyof typeof CLOUDS;

export const MICROSOFT_GRAPH_HOSTS: readonly string[] = [
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "microsoftgraph.chinacloudapi.cn",
];

const MICROSOFT_AUTHORITY_ORIGINS = new Set<string>(
  Object.values(CLOUDS).map((cloud) => cloud.authorityHost),
);

/** Whether an authority is one of Microsoft's own (else, e.g. the emulator, MSAL must be told it is known). */
export function isMicrosoftAuthority(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_ORIGINS.has(new URL(authorityHost).origin);
}

/** MSAL's `knownAuthorities` for an authority: empty for Microsoft's, its host otherwise. */
export function knownAuthoritiesFor(authorityHost: string): string[] {
  return isMicrosoftAuthority(authorityHost) ? [] : [new URL(authorityHost).host];
}
