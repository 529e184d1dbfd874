import { setupTestServices } from '@inner-circle/dev-services';

/** One real PostgreSQL (migrated) and one real Kafka broker for this package's run. */
export default async function globalSetup() {
  await setupTestServices({ postgres: true, kafka: true });
  const persistence = await import('@inner-circle/persistence');
  await (persistence.default ?? persistence).migrateDatabase(process.env.TEST_DATABASE_URL);
}
