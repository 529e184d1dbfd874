import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `body` in a fresh Node (ES module) with the built launcher as `m` and pg as `pg`:
 * the launcher is an ES module Jest cannot load. Resolves with its exit code and output.
 */
export function runWithLauncher(
  body: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dist = join(__dirname, '..', 'dist', 'index.js');
  const script = `import * as m from ${JSON.stringify(dist)};\nimport pg from 'pg';\n${body}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
