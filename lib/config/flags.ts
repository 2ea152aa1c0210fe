// The few settings read before (or without) the full configuration (server.ts parses and checks the rest).

/** Whether the server writes its JSON log lines (CALLSCOPE_LOG=off silences them: benchmarks, quiet tests). */
export const loggingEnabled = (): boolean => process.env.CALLSCOPE_LOG?.trim().toLowerCase() !== "off";

/** REDIS_URL as set, for the start-up check. */
export const redisUrlSetting = (): string | null => process.env.REDIS_URL?.trim() || null;

/** Whether change notifications are on (CALLSCOPE_PUBLIC_URL set): the feed then starts with the server. */
export const feedConfigured = (): boolean => Boolean(process.env.CALLSCOPE_PUBLIC_URL?.trim());
