import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../embedded-postgres.js';
import { startTestKafka } from '../kafka.js';
import { registerCleanup, runCleanups } from './cleanup.js';

export interface TestServiceNeeds {
  postgres?: boolean;
  kafka?: boolean;
}

/**
 * Starts the real services a package's tests need, once per Jest run, and publishes
 * their addresses through environment variables the test workers inherit:
 * TEST_DATABASE_URL and TEST_KAFKA_BROKERS. Services given from outside (e.g.
 * TEST_KAFKA_BROKERS=127.0.0.1:19092 after `npm run kafka:start`) are used instead.
 */
export async function setupTestServices(needs: TestServiceNeeds): Promise<void> {
  try {
    await startNeededServices(needs);
  } catch (error) {
    // Jest skips globalTeardown when globalSetup throws: stop what did start.
    await runCleanups();
    throw error;
  }
}

async function startNeededServices(needs: TestServiceNeeds): Promise<void> {
  if (needs.postgres && !process.env.TEST_DATABASE_URL) {
    const root = await mkdtemp(join(tmpdir(), 'ic-pg-'));
    // PostgreSQL runs as its own user (never root), which must be able to reach the data folder.
    await chmod(root, 0o755);
    const dataDir = join(root, 'data');
    const postgres = await startEmbeddedPostgres({ dataDir, persistent: false, fsync: false });
    process.env.TEST_DATABASE_URL = postgres.url;
    registerCleanup(async () => {
      await postgres.stop();
      await rm(root, { recursive: true, force: true });
    });
  }
  if (needs.kafka && !process.env.TEST_KAFKA_BROKERS) {
    const kafka = await startTestKafka();
    process.env.TEST_KAFKA_BROKERS = kafka.brokers;
    registerCleanup(() => kafka.stop());
  }
}
