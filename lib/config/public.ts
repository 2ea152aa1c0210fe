// What the browser may know about a deployment: safe to import from client code.

// App roles on callscope's registration, like Call Analytics' support tiers.
export const READER_ROLE = "CallQuality.Reader";
export const INVESTIGATOR_ROLE = "CallQuality.Investigator";

/** Whether someone may investigate: upload sites, see every report, delete others' (the demo visitor may too). */
export function isInvestigator(who: { kind: string; roles: readonly string[] }): boolean {
  return who.kind === "demo" || who.roles.includes(INVESTIGATOR_ROLE);
}

/** The delegated scope callscope's app registration exposes (Expose an API → CallRecords.View). */
export const API_SCOPE = "CallRecords.View";

/** What the browser needs to know about this deployment; served by the server at runtime, never baked in. */
export interface ClientConfig {
  demo: boolean;
  tenantId: string;
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  apiScope: string;
}
