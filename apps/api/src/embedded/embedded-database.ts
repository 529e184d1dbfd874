import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '@inner-circle/config';

export interface EmbeddedDatabase {
  url: string;
  /** Where the data really is (as root it may be outside the project: see dev-services). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Written into the data folder while a server runs: the CLI finds the database through it. */
export const CONNECTION_FILE = 'inner-circle.json';

interface ConnectionFile {
  /** The Inner Circle process that owns the embedded PostgreSQL. */
  pid: number;
  url: string;
}

/** A live Inner Circle process already runs PostgreSQL on this data folder. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly ownerPid: number,
    readonly dataDir: string,
    readonly url: string,
  ) {
    super(
      `Inner Circle (pid ${ownerPid}) already runs the embedded PostgreSQL in ${dataDir}. ` +
        `To run a second api on the same data, share that database instead of starting another: ` +
        `DATABASE_URL=${url} PORT=3010 WORKER_PORT=3011 npm run start:api`,
    );
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

// dev-services is an ES module; a dynamic import keeps this CommonJS build loading it.
const devServices = () => import('@inner-circle/dev-services');

/**
 * Starts the real PostgreSQL of the embedded mode, keeping its data under
 * EMBEDDED_DATA_DIR so a restart finds the same demo business. One Inner Circle process
 * owns it: a second one is refused with the way to share it (DATABASE_URL). A server left
 * running by a process that died (`kill -9`) is adopted rather than started twice.
 */
export async function startEmbeddedDatabase(config: AppConfig): Promise<EmbeddedDatabase> {
  const dev = await devServices();
  const dataDir = dev.resolveEmbeddedDataDir(config.database.embedded.dataDir);
  const running = await dev.readRunningPostmaster(dataDir);
  let database: EmbeddedDatabase;
  if (running) {
    const owner = await readConnectionFile(dataDir);
    const url = databaseUrl(running.port);
    if (owner && owner.pid !== process.pid && dev.isAlive(owner.pid))
      throw new EmbeddedDatabaseInUseError(owner.pid, dataDir, url);
    database = { url, dataDir, stop: () => stopPostmaster(running.pid, dev.isAlive) };
  } else {
    const server = await dev.startEmbeddedPostgres({
      dataDir,
      port: config.database.embedded.port,
      persistent: true,
    });
    database = { url: server.url, dataDir: server.dataDir, stop: () => server.stop() };
  }
  const file = join(database.dataDir, CONNECTION_FILE);
  const own: ConnectionFile = { pid: process.pid, url: database.url };
  await writeFile(file, `${JSON.stringify(own)}\n`, { mode: 0o600 });
  return {
    ...database,
    stop: async () => {
      await rm(file, { force: true });
      await database.stop();
    },
  };
}

/**
 * The embedded database of a running `npm start`, for the CLI: its URL when a live
 * process owns it, otherwise undefined (the CLI then starts it itself).
 */
export async function findRunningEmbeddedDatabase(config: AppConfig): Promise<string | undefined> {
  const dev = await devServices();
  const dataDir = dev.resolveEmbeddedDataDir(config.database.embedded.dataDir);
  const owner = await readConnectionFile(dataDir);
  if (!owner || !dev.isAlive(owner.pid) || !(await dev.readRunningPostmaster(dataDir))) return undefined;
  return owner.url;
}

async function readConnectionFile(dataDir: string): Promise<ConnectionFile | undefined> {
  try {
    return JSON.parse(await readFile(join(dataDir, CONNECTION_FILE), 'utf8')) as ConnectionFile;
  } catch {
    return undefined;
  }
}

function databaseUrl(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/inner_circle`;
}

/** Fast shutdown of an adopted server (SIGINT), then wait for it to be gone. */
async function stopPostmaster(pid: number, isAlive: (pid: number) => boolean): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}
