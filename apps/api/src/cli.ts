import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@inner-circle/config';
import {
  ApiKeyRepository,
  BusinessRepository,
  createDataSource,
  runMigrations,
  TransactionRunner,
} from '@inner-circle/persistence';
import { isValidTimeZone } from '@inner-circle/domain';
import { ALL_SCOPES } from './auth/api-key-scope.js';
import { ApiKeysService } from './auth/api-keys.service.js';

const USAGE = `Usage: npm run cli -- business:create --name "<business name>" [--time-zone Europe/Paris]
Creates a business and its first admin API key (printed once). Needs DATABASE_URL.`;

/** Operator commands that run once and exit; no HTTP server, no Nest container. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, 'time-zone': { type: 'string', default: 'UTC' } },
  });
  const name = values.name?.trim();
  if (positionals[0] !== 'business:create' || !name) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfigOrExit({ required: ['DATABASE_URL'], requiredBy: 'the CLI' });
  const timeZone = values['time-zone'];
  if (!isValidTimeZone(timeZone)) {
    process.stderr.write(
      `--time-zone: expected an IANA time zone such as Europe/Paris (got "${values['time-zone']}")\n`,
    );
    process.exit(2);
  }

  const dataSource = createDataSource({
    url: config.database.url!, // required above
    poolSize: 1,
    applicationName: 'inner-circle-cli',
  });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const businesses = new BusinessRepository(dataSource);
    const apiKeys = new ApiKeysService(new ApiKeyRepository(dataSource));
    const { business, key } = await new TransactionRunner(dataSource).run(async (transaction) => {
      const business = await businesses.create({ name, timeZone }, transaction);
      const key = await apiKeys.issue(business.id, 'first admin key', ALL_SCOPES, transaction);
      return { business, key };
    });
    process.stdout.write(
      `Business "${business.name}" created (id ${business.id}).\n` +
        `Admin API key (shown only this once): ${key.plaintext}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
