import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('cli business:create', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  });

  afterAll(() => api.close());

  it('creates a business whose printed admin key works against the api', async () => {
    const result = cli(['business:create', '--name', 'Boulangerie Test', '--time-zone', 'Europe/Paris'], {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
    });
    expect(result.status).toBe(0);
    const key = /(ic_\S+)/.exec(result.stdout)?.[1];
    expect(key).toBeDefined();

    const response = await api.graphql<{ business: { name: string; timeZone: string } }>(
      '{ business { name timeZone } }',
      { key: key! },
    );
    expect(response.data?.business).toEqual({ name: 'Boulangerie Test', timeZone: 'Europe/Paris' });
  });

  it.each([
    [['business:create'], 2, /Usage/],
    [
      ['business:create', '--name', 'X', '--time-zone', 'Mars/Olympus'],
      2,
      /--time-zone: expected an IANA time zone/,
    ],
  ])('rejects %p with exit code %i', (args, status, message) => {
    const result = cli(args, { DATABASE_URL: process.env.TEST_DATABASE_URL! });
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
  });

  it('issues another key for an existing business (api-key:create), with the scopes asked for', async () => {
    const { businessId } = await api.createBusiness('Key shop');
    const result = cli(
      [
        'api-key:create',
        '--business',
        businessId,
        '--name',
        'till',
        '--scopes',
        'interactions:write,customers:read',
      ],
      { DATABASE_URL: process.env.TEST_DATABASE_URL! },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const key = /(ic_\S+)/.exec(result.stdout)![1];
    const allowed = await api.graphql('{ customers(first: 1) { totalCount } }', { key });
    expect(allowed.errors).toBeUndefined();
    const refused = await api.graphql('{ apiKeys { id } }', { key });
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it.each([
    [['api-key:create'], /--business <business id>/],
    [
      ['api-key:create', '--business', '00000000-0000-4000-8000-000000000000', '--scopes', 'root'],
      /--scopes/,
    ],
  ])('rejects %p with a usage message', (args, message) => {
    const result = cli(args, { DATABASE_URL: process.env.TEST_DATABASE_URL! });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
