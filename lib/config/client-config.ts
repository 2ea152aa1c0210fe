import "server-only";
import { API_SCOPE, type ClientConfig } from "./public";
import { knownAuthoritiesFor } from "./clouds";
import { serverConfig } from "./server";

/** The public part of the configuration: IDs and URLs, no secret. */
export function clientConfig(): ClientConfig {
  const config = serverConfig();
  return {
    demo: config.demo,
    tenantId: config.tenantId,
    clientId: config.clientId,
    authority: `${config.authorityHost}/${config.tenantId}`,
    knownAuthorities: knownAuthoritiesFor(config.authorityHost),
    apiScope: `api://${config.apiAudience}/${API_SCOPE}`,
  };
}
