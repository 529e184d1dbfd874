import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const API_KEY_FIELDS = 'id name prefix scopes createdAt lastUsedAt revokedAt';
const CREATE = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { ${API_KEY_FIELDS} } }
}`;
const LIST = `{ apiKeys { ${API_KEY_FIELDS} } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(id: $id) { ${API_KEY_FIELDS} } }`;

/** GraphQL names the enum values by their TS keys (`InsightsRead`); rows store the values. */
const gqlScope = (scope: ApiKeyScope): string =>
  Object.entries(ApiKeyScope).find(([, value]) => value === scope)![0];

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe('API key management over HTTP', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp();
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function createKey(adminKey: string, name: string, scopes: ApiKeyScope[]) {
    const response = await api.graphql<{ createApiKey: { secret: string; apiKey: ApiKey } }>(CREATE, {
      key: adminKey,
      variables: { input: { name, scopes: scopes.map(gqlScope) } },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.createApiKey;
  }

  async function listKeys(adminKey: string): Promise<ApiKey[]> {
    const response = await api.graphql<{ apiKeys: ApiKey[] }>(LIST, { key: adminKey });
    expect(response.errors).toBeUndefined();
    return response.data!.apiKeys;
  }

  async function auditRows(businessId: string) {
    return db.query(
      `SELECT actor_key_id, action, target_type, target_id, details FROM audit_log
        WHERE business_id = $1 ORDER BY at, action`,
      [businessId],
    );
  }

  it('creates a key whose secret works once shown, with exactly its scopes, and audits it', async () => {
    const { businessId, key: admin } = await api.createBusiness('Keys', [ApiKeyScope.Admin]);
    const [adminRow] = await listKeys(admin);

    const created = await createKey(admin, 'reporting', [ApiKeyScope.InsightsRead]);
    expect(created.secret).toMatch(/^ic_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toEqual({
      id: expect.any(String),
      name: 'reporting',
      prefix: created.secret.split('_').slice(0, 2).join('_'),
      scopes: ['InsightsRead'],
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });

    const allowed = await api.graphql('{ insights { topReferrers { referrals } } }', { key: created.secret });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ insights: { topReferrers: [] } });

    const denied = await api.graphql(LIST, { key: created.secret });
    expect(denied.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const deniedMutation = await api.graphql(
      'mutation { recordInteraction(input: { id: "i1", customerExternalRef: "c1", type: VISIT }) { id } }',
      { key: created.secret },
    );
    expect(deniedMutation.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    expect(await auditRows(businessId)).toEqual([
      {
        actor_key_id: adminRow.id,
        action: 'api_key.created',
        target_type: 'api_key',
        target_id: created.apiKey.id,
        details: { name: 'reporting', scopes: [ApiKeyScope.InsightsRead] },
      },
    ]);
  });

  it('stores only a hash of the secret and never returns it again', async () => {
    const { key: admin } = await api.createBusiness('Hashes', [ApiKeyScope.Admin]);
    const { secret, apiKey } = await createKey(admin, 'pos', [ApiKeyScope.InteractionsWrite]);
    const secretPart = secret.slice('ic_'.length + 16 + 1); // the secret itself may contain '_'

    const [row] = await db.query('SELECT * FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(Buffer.isBuffer(row.secret_hash)).toBe(true);
    expect(row.secret_hash.equals(createHash('sha256').update(secretPart).digest())).toBe(true);
    const stored = JSON.stringify({ ...row, secret_hash: row.secret_hash.toString('base64url') });
    expect(stored).not.toContain(secretPart);
    expect(stored).not.toContain(secret);
    expect(row.secret_hash.toString('utf8')).not.toContain(secretPart);

    const keys = await listKeys(admin);
    expect(keys.map((k) => k.name)).toEqual(['test', 'pos']);
    expect(JSON.stringify(keys)).not.toContain(secretPart);
    expect(keys[1]).toEqual(apiKey);
  });

  it('revokes a key: it stops working at once, is audited once, and a repeat changes nothing', async () => {
    const { businessId, key: admin } = await api.createBusiness('Revokes', [ApiKeyScope.Admin]);
    const { secret, apiKey } = await createKey(admin, 'old till', [ApiKeyScope.InsightsRead]);
    expect(
      (await api.graphql('{ insights { byTier { members } } }', { key: secret })).errors,
    ).toBeUndefined();

    const revoked = await api.graphql<{ revokeApiKey: ApiKey }>(REVOKE, {
      key: admin,
      variables: { id: apiKey.id },
    });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiKey).toMatchObject({ id: apiKey.id, revokedAt: expect.any(String) });
    expect(Date.parse(revoked.data!.revokeApiKey.lastUsedAt!)).not.toBeNaN();

    const rejected = await api.graphql('{ insights { byTier { members } } }', { key: secret });
    expect(rejected.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const again = await api.graphql<{ revokeApiKey: ApiKey }>(REVOKE, {
      key: admin,
      variables: { id: apiKey.id },
    });
    expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);

    const audit = await auditRows(businessId);
    expect(audit.map((row: { action: string }) => row.action)).toEqual([
      'api_key.created',
      'api_key.revoked',
    ]);
    expect(audit[1]).toMatchObject({ target_id: apiKey.id, details: { name: 'old till' } });
    expect((await listKeys(admin)).find((k) => k.id === apiKey.id)?.revokedAt).toBe(
      revoked.data!.revokeApiKey.revokedAt,
    );
  });

  it('lets an admin key revoke itself: that call succeeds, the next is UNAUTHENTICATED', async () => {
    const { key: admin } = await api.createBusiness('Self', [ApiKeyScope.Admin]);
    const [own] = await listKeys(admin);
    const response = await api.graphql<{ revokeApiKey: ApiKey }>(REVOKE, {
      key: admin,
      variables: { id: own.id },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.revokeApiKey.revokedAt).not.toBeNull();
    expect((await api.graphql(LIST, { key: admin })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses every key operation to a key without the admin scope', async () => {
    const { key: admin } = await api.createBusiness('Scopes', [ApiKeyScope.Admin]);
    const { apiKey } = await createKey(admin, 'victim', [ApiKeyScope.CustomersRead]);
    const { secret: writer } = await createKey(
      admin,
      'everything but admin',
      Object.values(ApiKeyScope).filter((scope) => scope !== ApiKeyScope.Admin),
    );

    const attempts = [
      api.graphql(LIST, { key: writer }),
      api.graphql(CREATE, { key: writer, variables: { input: { name: 'x', scopes: ['Admin'] } } }),
      api.graphql(REVOKE, { key: writer, variables: { id: apiKey.id } }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['admin'] });
    }
    expect((await listKeys(admin)).map((k) => [k.name, k.revokedAt])).toEqual([
      ['test', null],
      ['victim', null],
      ['everything but admin', null],
    ]);
  });

  it('validates the input with field paths', async () => {
    const { key: admin } = await api.createBusiness('Validation', [ApiKeyScope.Admin]);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: '', scopes: [] }, ['input.name', 'input.scopes']],
      [{ name: 'x'.repeat(101), scopes: ['Admin'] }, ['input.name']],
      [{ name: '   ', scopes: ['Admin'] }, ['input.name']],
      [{ name: 'twice', scopes: ['Admin', 'Admin'] }, ['input.scopes']],
    ];
    for (const [input, fields] of cases) {
      const response = await api.graphql(CREATE, { key: admin, variables: { input } });
      expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const fieldErrors = response.errors![0].extensions.fieldErrors as { field: string }[];
      expect(fieldErrors.map((e) => e.field).sort()).toEqual(fields);
    }

    const unknownScope = await api.graphql(CREATE, {
      key: admin,
      variables: { input: { name: 'n', scopes: ['everything'] } },
    });
    expect(unknownScope.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const badId = await api.graphql(REVOKE, { key: admin, variables: { id: 'not-a-uuid' } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ field: 'id', messages: [expect.stringContaining('UUID')] }],
    });
    expect((await listKeys(admin)).map((k) => k.name)).toEqual(['test']);
  });

  it('keeps each business to its own keys', async () => {
    const a = await api.createBusiness('Tenant A', [ApiKeyScope.Admin]);
    const b = await api.createBusiness('Tenant B', [ApiKeyScope.Admin]);
    const { secret, apiKey } = await createKey(a.key, 'a-till', [ApiKeyScope.InsightsRead]);
    await createKey(b.key, 'b-till', [ApiKeyScope.InsightsRead]);

    const unknownId = await api.graphql(REVOKE, {
      key: b.key,
      variables: { id: '00000000-0000-4000-8000-000000000000' },
    });
    const othersId = await api.graphql(REVOKE, { key: b.key, variables: { id: apiKey.id } });
    expect(othersId.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(othersId.errors?.[0]?.message).toBe(
      unknownId.errors?.[0]?.message.replace(/[0-9a-f-]{36}$/, apiKey.id),
    );

    expect((await listKeys(b.key)).map((k) => k.name)).toEqual(['test', 'b-till']);
    expect((await listKeys(a.key)).find((k) => k.id === apiKey.id)?.revokedAt).toBeNull();
    expect(
      (await api.graphql('{ insights { byTier { members } } }', { key: secret })).errors,
    ).toBeUndefined();
    expect(await auditRows(b.businessId)).toHaveLength(1);
  });
});
