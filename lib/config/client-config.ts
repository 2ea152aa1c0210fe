import "server-only";
import type { ClientConfig } from "@/lib/client/config";
import { CLOUDS } from "./clouds";
import { API_SCOPE } from "@/lib/auth/roles";
import { serverConfig } from "./server";

const MICROSOFT_AUTHORITY_HOSTS = new Set(Object.values(CLOUDS).map((cloud) => new URL(cloud.authorityHost).host));

/** The public part of the configuration: IDs and URLs, no secret. */
export function clientConfig(): ClientConfig {
  const config = serverConfig();
  const host = new URL(config.authorityHost).host;
  return {
    demo: config.demo,
    tenantId: config.tenantId,
    clientId: config.clientId,
    authority: `${config.authorityHost}/${config.tenantId}`,
    knownAuthorities: MICROSOFT_AUTHORITY_HOSTS.has(host) ? [] : [host],
    apiScope: `api://${config.apiAudience}/${API_SCOPE}`,
  };
}
