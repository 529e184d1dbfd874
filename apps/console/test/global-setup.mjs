import { setupTestServices } from '@inner-circle/dev-services';

/** A real, migrated PostgreSQL for the browser suite; no Kafka: the api runs its worker in-process as `npm start` does. */
export default async function globalSetup() {
  await setupTestServices({ postgres: true, kafka: false });
  const persistence = await import('@inner-circle/persistence');
  await (persistence.default ?? persistence).migrateDatabase(process.env.TEST_DATABASE_URL);
}
