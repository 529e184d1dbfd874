import { ApiKeyRepository, TierRepository } from '@inner-circle/persistence';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { DEMO_LADDER } from '../src/embedded/demo-ladder';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

describe('api foundation over HTTP on real PostgreSQL', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  });

  afterAll(() => api.close());

  it('answers the business query with data read from PostgreSQL, scoped to the key', async () => {
    const { businessId, key } = await api.createBusiness('Chez Test');
    await api.app.get(TierRepository).createMany(businessId, DEMO_LADDER);
    const other = await api.createBusiness('Elsewhere');

    const mine = await api.graphql<{ business: { id: string; name: string; tiers: { name: string }[] } }>(
      '{ business { id name tiers { name rank capacity } } }',
      { key },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.business).toMatchObject({ id: businessId, name: 'Chez Test' });
    expect(mine.data?.business.tiers.map((tier) => tier.name)).toEqual([
      'Regulars',
      'Friends',
      'Inner Circle',
    ]);

    const theirs = await api.graphql<{ business: { id: string; tiers: unknown[] } }>(
      '{ business { id tiers { id } } }',
      {
        key: other.key,
      },
    );
    expect(theirs.data?.business).toEqual({ id: other.businessId, tiers: [] });
  });

  it('answers __typename', async () => {
    expect((await api.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
    ['an unknown key', `ic_${'A'.repeat(16)}_${'B'.repeat(43)}`],
  ])('rejects %s with UNAUTHENTICATED and the field path', async (_label, key) => {
    const response = await api.graphql('{ business { id } }', key ? { key } : {});
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['business'], extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
  });

  it('rejects a revoked key, and only its own business can revoke it', async () => {
    const { businessId, key } = await api.createBusiness();
    const other = await api.createBusiness();
    const keyId = (await api.app.get(ApiKeyRepository).findActiveCredential(key.split('_')[1]))!.id;
    expect(await api.app.get(ApiKeysService).revoke(other.businessId, keyId)).toBe(false);
    expect((await api.graphql('{ business { id } }', { key })).data).toEqual({
      business: { id: businessId },
    });

    expect(await api.app.get(ApiKeysService).revoke(businessId, keyId)).toBe(true);
    const response = await api.graphql('{ business { id } }', { key });
    expect(response.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps schema details and stack traces out of errors', async () => {
    const { key } = await api.createBusiness('Quiet', [ApiKeyScope.CustomersRead]);
    const response = await api.graphql('{ busines { id } }', { key });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response)).not.toMatch(/Did you mean|stacktrace/);
  });

  it('rejects an operation with too many aliases before running it', async () => {
    const { key } = await api.createBusiness();
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `b${i}: business { id }`).join(' ')} }`;
    const response = await api.graphql(aliases, { key });
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a GET mutation-less request without a CSRF-safe header', async () => {
    const response = await fetch(`${api.url}/graphql?query=%7B__typename%7D`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it('serves a self-contained GraphiQL page with no external resources', async () => {
    const response = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:\/\//);
  });

  it('reports live and ready health with the database checked', async () => {
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, eventTransport: { status: 'up' } },
    });
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  });
});
