// Runs once when the server starts: a misconfigured deployment stops here with a message that names the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/config/startup-check");
  const { checkRedisAtStart } = await import("./lib/api/shared/startup-check");
  await checkRedisAtStart();
  const { startBackground } = await import("./lib/api/background");
  startBackground();
}
