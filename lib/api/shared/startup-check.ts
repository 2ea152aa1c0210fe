import { redisUrlSetting } from "@/lib/config/flags";
import { describeRedisUrl, pingRedis } from "./redis-client";

/** Stops the server at start when REDIS_URL is set but does not answer: better than serving alone, unnoticed. */
export async function checkRedisAtStart(): Promise<void> {
  const redisUrl = redisUrlSetting();
  if (!redisUrl) return;
  try {
    await pingRedis(redisUrl);
  } catch (error) {
    console.error(
      `\ncallscope cannot start: REDIS_URL (${describeRedisUrl(redisUrl)}) does not answer: ${error instanceof Error ? error.message : String(error)}.\nStart Redis (or Valkey) there, fix REDIS_URL, or unset it to run a single instance without a shared cache.\n`,
    );
    process.exit(1);
  }
}
