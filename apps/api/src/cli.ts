import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { type AppConfig, loadConfigOrExit } from '@inner-circle/config';
import {
  ApiKeyRepository,
  BusinessRepository,
  createDataSource,
  LongWorkProgressRepository,
  runMigrations,
  TransactionRunner,
} from '@inner-circle/persistence';
import { isValidTimeZone } from '@inner-circle/domain';
import { systemClock } from '@inner-circle/nest-runtime';
import { ALL_SCOPES, ApiKeyScope } from './auth/api-key-scope.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { formatLongWorkLine } from './long-work/long-work-line.js';
import { LongWorkService } from './long-work/long-work.service.js';
import {
  type EmbeddedDatabase,
  findRunningEmbeddedDatabase,
  startEmbeddedDatabase,
} from './embedded/embedded-database.js';

type DataSource = ReturnType<typeof createDataSource>;

const USAGE = `Usage:
  npm run cli -- business:create --name "<business name>" [--time-zone Europe/Paris]
      Creates a business and its first admin API key (printed once).
  npm run cli -- api-key:create --business <business id> [--name "<label>"] [--scopes customers:read,admin,...]
      Issues a new API key for a business (all scopes unless --scopes; printed once).
  npm run cli -- progress --business <business id> [--wait]
      Prints how far the worker got in applying the newest ladder and recomputing scores;
      with --wait, prints each change until both are done.
Uses DATABASE_URL when set; otherwise the embedded database of \`npm start\` (running or not).`;

class UsageError extends Error {}

/** Operator commands that run once and exit; no HTTP server, no Nest container. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string', default: 'UTC' },
      business: { type: 'string' },
      scopes: { type: 'string' },
      wait: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  let run: (dataSource: DataSource, context: { ownDatabase: boolean }) => Promise<string>;
  try {
    if (command === 'business:create') run = createBusiness(values.name, values['time-zone']);
    else if (command === 'api-key:create') run = createApiKey(values.business, values.name, values.scopes);
    else if (command === 'progress') run = printProgress(values.business, values.wait);
    else throw new UsageError('');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `${error.message}\n` : ''}${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const { url, embedded } = await connectionFor(config);
  try {
    const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'inner-circle-cli' });
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
      process.stdout.write(await run(dataSource, { ownDatabase: embedded !== undefined }));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}

function createBusiness(
  rawName: string | undefined,
  timeZone: string,
): (dataSource: DataSource) => Promise<string> {
  const name = rawName?.trim();
  if (!name) throw new UsageError('business:create: --name is required');
  const given = timeZone; // the guard below narrows timeZone itself to never in its else branch
  if (!isValidTimeZone(timeZone))
    throw new UsageError(`--time-zone: expected an IANA time zone such as Europe/Paris (got "${given}")`);
  return async (dataSource) => {
    const businesses = new BusinessRepository(dataSource);
    const apiKeys = new ApiKeysService(new ApiKeyRepository(dataSource), systemClock);
    const { business, key } = await new TransactionRunner(dataSource).run(async (transaction) => {
      const business = await businesses.create({ name, timeZone }, transaction);
      const key = await apiKeys.issue(business.id, 'first admin key', ALL_SCOPES, transaction);
      return { business, key };
    });
    return (
      `Business "${business.name}" created (id ${business.id}).\n` +
      `Admin API key (shown only this once): ${key.plaintext}\n`
    );
  };
}

function createApiKey(
  businessId: string | undefined,
  rawName: string | undefined,
  rawScopes: string | undefined,
): (dataSource: DataSource) => Promise<string> {
  if (!businessId || !/^[0-9a-f-]{36}$/i.test(businessId))
    throw new UsageError('api-key:create: --business <business id> (a UUID) is required');
  const name = rawName?.trim() || 'cli key';
  const scopes = rawScopes === undefined ? ALL_SCOPES : rawScopes.split(',').map((scope) => scope.trim());
  const known = new Set<string>(Object.values(ApiKeyScope));
  const unknown = scopes.filter((scope) => !known.has(scope));
  if (unknown.length || !scopes.length)
    throw new UsageError(`--scopes: expected some of ${ALL_SCOPES.join(', ')} (got "${rawScopes}")`);
  return async (dataSource) => {
    const business = await new BusinessRepository(dataSource).findById(businessId);
    if (!business) throw new Error(`no business with id ${businessId}`);
    const key = await new ApiKeysService(new ApiKeyRepository(dataSource), systemClock).issue(
      business.id,
      name,
      scopes as ApiKeyScope[],
    );
    return `API key "${name}" for "${business.name}" (${scopes.join(', ')}), shown only this once: ${key.plaintext}\n`;
  };
}

const LONG_WORK = [
  { kind: 'TIER_LADDER', label: 'ladder' },
  { kind: 'SCORE_RECOMPUTE', label: 'scores' },
] as const;
/** How often --wait reads the progress again (the sweep records one batch at a time). */
const PROGRESS_POLL_MS = 1_000;

function printProgress(
  businessId: string | undefined,
  wait: boolean,
): (dataSource: DataSource, context: { ownDatabase: boolean }) => Promise<string> {
  if (!businessId || !/^[0-9a-f-]{36}$/i.test(businessId))
    throw new UsageError('progress: --business <business id> (a UUID) is required');
  return async (dataSource, { ownDatabase }) => {
    if (!(await new BusinessRepository(dataSource).findById(businessId)))
      throw new Error(`no business with id ${businessId}`);
    const longWork = new LongWorkService(new LongWorkProgressRepository(dataSource), systemClock);
    const printed = new Map<string, string>();
    for (;;) {
      let running = false;
      for (const { kind, label } of LONG_WORK) {
        const reading = await longWork.progressOf(businessId, kind);
        running ||= reading !== null && !reading.progress.finishedAt;
        const line = formatLongWorkLine(
          label,
          reading?.progress ?? null,
          reading?.readAt ?? systemClock.now(),
        );
        // Waiting prints a job again only when its line changed.
        if (printed.get(kind) !== line) process.stdout.write(`${line}\n`);
        printed.set(kind, line);
      }
      if (!wait || !running) return '';
      // A database this command started has no worker: waiting would never end.
      if (ownDatabase) return 'No worker runs on this database: start it (npm start) to finish the work.\n';
      await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
    }
  };
}

/**
 * DATABASE_URL when set; else the embedded database: the one a running `npm start` owns
 * (its connection file in the data folder), or started here for the command and stopped after.
 */
async function connectionFor(config: AppConfig): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.database.url) return { url: config.database.url };
  const running = await findRunningEmbeddedDatabase(config);
  if (running) return { url: running };
  const embedded = await startEmbeddedDatabase(config);
  return { url: embedded.url, embedded };
}

main().catch((error: unknown) => {
  process.stderr.write(`cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
