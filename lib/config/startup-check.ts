import { ConfigError, parseServerConfig } from "./schema";

try {
  parseServerConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    `\ncallscope cannot start: ${error.message}\nSee .env.example and the README's configuration table.\n`,
  );
  process.exit(1);
}
