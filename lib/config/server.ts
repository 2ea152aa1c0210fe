import "server-only";
import { parseServerConfig, type ServerConfig } from "./schema";

let cached: ServerConfig | undefined;

/** The server's configuration, read from the environment once per process. */
export function serverConfig(): ServerConfig {
  cached ??= parseServerConfig(process.env);
  return cached;
}
