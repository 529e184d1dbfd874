import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

/** Boots the built api as a user would, with a broken environment. */
function boot(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('startup with bad configuration', () => {
  it('names the variable, says what is expected, and exits with code 1', () => {
    const result = boot({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT: expected a port number.*\(got "eighty"\)/);
    expect(result.stderr).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    // Nothing was started: no Nest boot log on stdout.
    expect(result.stdout).toBe('');
  });

  it('never echoes the database URL, which may hold a password', () => {
    const result = boot({ DATABASE_URL: 'postgres-ish://user:hunter2@db' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).not.toContain('hunter2');
  });
});
