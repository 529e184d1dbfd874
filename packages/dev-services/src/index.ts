export { findFreePort } from './free-port.js';
export {
  EmbeddedPostgresInUseError,
  EmbeddedPostgresStartError,
  isAlive,
  readRunningPostmaster,
  resolveEmbeddedDataDir,
  startEmbeddedPostgres,
  type EmbeddedPostgresOptions,
  type RunningPostgres,
} from './embedded-postgres.js';
export { startTestKafka, type RunningKafka } from './kafka.js';
export { setupTestServices, type TestServiceNeeds } from './jest/global-setup.js';
