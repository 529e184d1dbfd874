import { ConfigError, loadConfig, type AppConfig, type Requirements } from './load-config.js';

/** Boot-time entry: a bad environment prints every problem and exits with code 1. */
export function loadConfigOrExit(
  requirements?: Requirements,
  env: Record<string, string | undefined> = process.env,
): AppConfig {
  try {
    return loadConfig(env, requirements);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
    process.exit(1);
  }
}
