import { setupTestServices } from '@inner-circle/dev-services';

/** One real PostgreSQL (migrated) for this package's run. */
export default async function globalSetup() {
  await setupTestServices({ postgres: true });
  const persistence = await import('@inner-circle/persistence');
  await (persistence.default ?? persistence).migrateDatabase(process.env.TEST_DATABASE_URL);
}
