// Starts one real single-node KRaft Kafka broker and an embedded PostgreSQL for this package's test run
// (skipped when TEST_KAFKA_BROKERS is already set by the root runner).
export default async () => {
  const { setupTestServices } = await import('@inner-circle/dev-services');
  await setupTestServices({ kafka: true, postgres: true });
};
