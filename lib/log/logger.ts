import "server-only";
import { loggingEnabled } from "@/lib/config/flags";

export type LogLevel = "info" | "warn" | "error";

/**
 * The server's one logger: a JSON line per event (`time`, `level`, `source`, `message`, then the fields),
 * info on stdout, warnings and errors on stderr. Nothing logged carries a token or a secret; callers pass
 * what a log line may hold.
 */
export function log(
  level: LogLevel,
  source: string,
  message: string,
  fields: Record<string, unknown> = {},
): void {
  if (!loggingEnabled()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, source, message, ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}
