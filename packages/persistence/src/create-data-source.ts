import { DataSource, MigrationExecutor } from 'typeorm';
import { entities } from './entities/index.js';
import { migrations } from './migrations/index.js';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** The one way both apps (and the TypeORM CLI) reach PostgreSQL: migrations, never synchronize. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    url: options.url,
    entities,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName ?? 'inner-circle',
    extra: { max: options.poolSize ?? 10 },
  });
}

/** Runs pending migrations; safe to call from several processes at once (advisory lock). */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Two instances booting together must not both apply the same migration.
    await runner.query('SELECT pg_advisory_lock(7318201)');
    // Migrate on the connection that holds the lock, so a pool of one is enough.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(7318201)').catch(() => undefined);
    await runner.release();
  }
}

/** Connects, migrates and disconnects: for test setup and one-off deploy steps. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'inner-circle-migrate' });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
