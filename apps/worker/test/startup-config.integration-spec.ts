import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

function boot(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('standalone worker startup with bad configuration', () => {
  it('names both variables it cannot run without and exits with code 1', () => {
    const result = boot({});
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: required by the standalone worker/);
    expect(result.stderr).toMatch(/KAFKA_BROKERS: required by the standalone worker/);
  });

  it('names a malformed broker list', () => {
    const result = boot({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', KAFKA_BROKERS: 'kafka' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/KAFKA_BROKERS: expected host:port/);
  });
});
