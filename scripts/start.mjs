// `npm start`: build what the api needs (Turborepo: a no-op when nothing changed), then run
// the api in this same process, so Ctrl-C and signals reach it directly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'apps', 'api', 'dist', 'main.js');

if (!existsSync(main))
  process.stderr.write(
    '  First start: building Inner Circle once (about 20 s on a quiet machine, a few minutes on a busy one)…\n',
  );
const build = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
    'run',
    'build',
    '--filter=@inner-circle/api...',
    '--output-logs=errors-only',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(`  The build failed (exit code ${build.status}); see the errors above.\n`);
  process.exit(build.status ?? 1);
}
await import(pathToFileURL(main).href);
