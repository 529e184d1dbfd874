import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../test/fresh-database';
import { createDataSource, runMigrations } from '../create-data-source';

const CORE_TABLES = [
  'api_keys',
  'audit_log',
  'businesses',
  'campaigns',
  'customers',
  'event_consumer_positions',
  'event_log',
  'event_partitions',
  'interactions',
  'long_work_progress',
  'outbox',
  'rate_limits',
  'redemptions',
  'tier_admissions',
  'tier_changes',
  'tier_seat_changes',
  'tiers',
];

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
  );
  return rows.map((row) => row.table_name).sort();
}

describe('migrations on a real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createFreshDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createFreshDatabase();
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('creates the core tables, reverts them all, and applies again', async () => {
    const applied = await runMigrations(dataSource);
    expect(applied.length).toBeGreaterThan(0);
    expect(await tableNames(dataSource)).toEqual(CORE_TABLES);

    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
    expect(await tableNames(dataSource)).toEqual([]);

    expect(await runMigrations(dataSource)).toEqual(applied);
    expect(await tableNames(dataSource)).toEqual(CORE_TABLES);
  });

  it('is a no-op when already applied, even from two runners at once', async () => {
    await runMigrations(dataSource);
    const again = await Promise.all([runMigrations(dataSource), runMigrations(dataSource)]);
    expect(again).toEqual([[], []]);
  });

  it('leaves the schema matching the entities (nothing left to generate)', async () => {
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
