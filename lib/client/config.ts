/** What the browser needs to know about this deployment; served by the server at runtime, never baked in. */
export interface ClientConfig {
  demo: boolean;
  tenantId: string;
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  apiScope: string;
}
