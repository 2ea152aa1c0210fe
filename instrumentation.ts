// Runs once when the server starts: a misconfigured deployment stops here with a message that names the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, parseServerConfig } = await import("./lib/config/schema");
  try {
    parseServerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\ncallscope cannot start: ${error.message}\nSee .env.example and the README's configuration table.\n`);
    process.exit(1);
  }
}
