import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@inner-circle/dev-services/wait-for';

/** `npm start`'s entry point, built. */
export const MAIN = join(__dirname, '..', 'dist', 'main.js');
export const CLI = join(__dirname, '..', 'dist', 'cli.js');

export interface EmbeddedProcess {
  pid: number;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** What Ctrl-C in a terminal does: SIGINT to the process group. */
  interrupt(): Promise<number | null>;
  /** `kill -9` of the process group (the embedded PostgreSQL runs in a group of its own and survives). */
  kill9(): Promise<void>;
  graphql<T>(query: string, variables: Record<string, unknown>, key: string): Promise<T>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns the built api in a process group of its own and waits until it serves (or fails). */
export async function startEmbeddedProcess(env: Record<string, string>): Promise<EmbeddedProcess> {
  const port = Number(env.PORT);
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      // The crash tests push 10,000 interactions through one key as fast as they can: fair share
      // per key (tested on its own) must not turn that into RATE_LIMITED.
      HEAVY_RATE_LIMIT: '100000',
      HEAVY_CONCURRENCY_PER_KEY: '100',
      HEAVY_CONCURRENCY_TOTAL: '100',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    () => {
      if (exitCode !== undefined)
        return Promise.reject(
          new Error(`the api exited (${exitCode}) before serving:\n${stderr}\n${stdout.slice(-2000)}`),
        );
      return Promise.resolve(stderr.includes('is serving GraphQL') ? true : undefined);
    },
    'the api to serve',
    180_000,
    100,
  );
  const pid = child.pid!;
  return {
    pid,
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    interrupt: () => {
      process.kill(-pid, 'SIGINT');
      return exited;
    },
    kill9: async () => {
      process.kill(-pid, 'SIGKILL');
      await exited;
    },
    async graphql<T>(query: string, variables: Record<string, unknown>, key: string): Promise<T> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (!response.ok || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
      return body.data!;
    },
  };
}

/** The demo admin key the first start prints on stderr. */
export function demoKey(process: EmbeddedProcess): string {
  const key = /(ic_\S+)/.exec(process.stderr())?.[1];
  if (!key) throw new Error(`no demo key on stderr:\n${process.stderr()}`);
  return key;
}

/** Stops a PostgreSQL a test left behind (adopted servers outlive a killed api). */
export async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  await waitFor(
    () => {
      try {
        process.kill(pid, 0);
        return Promise.resolve(undefined);
      } catch {
        return Promise.resolve(true);
      }
    },
    'the leftover PostgreSQL to stop',
    60_000,
    100,
  );
}
