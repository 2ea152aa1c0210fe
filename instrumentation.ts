// Runs once when the server starts: a misconfigured deployment stops here with a message that names the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/config/startup-check");
  const redisUrl = process.env.REDIS_URL?.trim();
  if (redisUrl) {
    const { describeRedisUrl, pingRedis } = await import("./lib/api/shared/redis-client");
    try {
      await pingRedis(redisUrl);
    } catch (error) {
      console.error(
        `\ncallscope cannot start: REDIS_URL (${describeRedisUrl(redisUrl)}) does not answer: ${error instanceof Error ? error.message : String(error)}.\nStart Redis (or Valkey) there, fix REDIS_URL, or unset it to run a single instance without a shared cache.\n`,
      );
      process.exit(1);
    }
  }
}
