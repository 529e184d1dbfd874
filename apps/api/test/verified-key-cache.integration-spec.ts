import { ManualClock } from '@inner-circle/nest-runtime/testing';
import { ApiKeyRepository } from '@inner-circle/persistence';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { VERIFIED_KEY_TTL_MS } from '../src/auth/verified-key.cache';
import { type ApiTestApp, type GraphQLResponse, startApiTestApp } from './api-test-app';

const PAGE = '{ customers(first: 1) { edges { node { id } } } }';
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }';
const SET_SCORING = `mutation($input: ScoringSettingsInput!) { setScoringSettings(input: $input) { halfLifeDays } }`;

/**
 * The api remembers keys it verified for VERIFIED_KEY_TTL_MS (no key row read per request).
 * What must still hold: a key revoked elsewhere stops working after at most that long, one
 * revoked or a business changed through this api at once, and every request proves its secret.
 * Time moves on the api's ManualClock, never by sleeping.
 */
describe('verified API keys kept for a few seconds', () => {
  let api: ApiTestApp;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    api = await startApiTestApp({}, { embeddedWorker: false, clock });
  });

  afterAll(() => api.close());

  const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions.code;

  async function keyIdOf(key: string): Promise<string> {
    const caller = await api.app.get(ApiKeysService).authenticate(key);
    return caller!.apiKeyId;
  }

  it('refuses a key revoked by another process once VERIFIED_KEY_TTL_MS has passed', async () => {
    const { businessId, key } = await api.createBusiness();
    expect((await api.graphql(PAGE, { key })).errors).toBeUndefined();
    // Written behind this api's back, as the CLI or another api instance would.
    expect(await api.app.get(ApiKeyRepository).revoke(businessId, await keyIdOf(key), clock.now())).toBe(
      true,
    );

    clock.advance(VERIFIED_KEY_TTL_MS - 1);
    // Still the verified answer: this process has not read the key again yet.
    expect((await api.graphql(PAGE, { key })).errors).toBeUndefined();
    clock.advance(1);
    expect(codeOf(await api.graphql(PAGE, { key }))).toBe('UNAUTHENTICATED');
    clock.advance(10 * VERIFIED_KEY_TTL_MS);
    expect(codeOf(await api.graphql(PAGE, { key }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a key revoked through this api on the very next request', async () => {
    const { key: admin } = await api.createBusiness();
    const created = await api.graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "till", scopes: [CustomersRead] }) { secret apiKey { id } } }',
      { key: admin },
    );
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data!.createApiKey;
    expect((await api.graphql(PAGE, { key: secret })).errors).toBeUndefined();

    expect((await api.graphql(REVOKE, { key: admin, variables: { id: apiKey.id } })).errors).toBeUndefined();
    expect(codeOf(await api.graphql(PAGE, { key: secret }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong secret behind a remembered key’s lookup prefix', async () => {
    const { key } = await api.createBusiness();
    expect((await api.graphql(PAGE, { key })).errors).toBeUndefined();
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    const forged = `${key.slice(0, -1)}${last}`;
    expect(codeOf(await api.graphql(PAGE, { key: forged }))).toBe('UNAUTHENTICATED');
    // The real key is still remembered and still works.
    expect((await api.graphql(PAGE, { key })).errors).toBeUndefined();
  });

  it('hands the next request the scoring settings a mutation just stored', async () => {
    const { key } = await api.createBusiness();
    const before = await api.app.get(ApiKeysService).authenticate(key);
    expect(before!.scoringSettings.halfLifeDays).not.toBe(45);

    const set = await api.graphql(SET_SCORING, { key, variables: { input: { halfLifeDays: 45 } } });
    expect(set.errors).toBeUndefined();
    const after = await api.app.get(ApiKeysService).authenticate(key);
    expect(after!.scoringSettings.halfLifeDays).toBe(45);
  });
});
