// Starts one real single-node KRaft Kafka broker and one embedded PostgreSQL for this
// package's test run (each skipped when TEST_KAFKA_BROKERS / TEST_DATABASE_URL is set).
export default async () => {
  const { setupTestServices } = await import('@inner-circle/dev-services');
  await setupTestServices({ kafka: true, postgres: true });
};
