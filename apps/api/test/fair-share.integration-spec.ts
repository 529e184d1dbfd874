import { type ApiTestApp, startApiTestApp } from './api-test-app';

const SIMULATE =
  'query ($input: SetTierLadderInput!) { simulateTierLadder(input: $input) { tiers { name members } } }';
const LADDER = { tiers: [{ name: 'Regulars', rank: 1, entryScore: 1, retainScore: 1, graceDays: 0 }] };

/** Issue 11, "Fair share": one key's heavy operations are limited; other keys are not. */
describe('fair share of heavy operations per API key', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp({
      HEAVY_RATE_LIMIT: '5',
      HEAVY_RATE_WINDOW_SECONDS: '3600',
      HEAVY_CONCURRENCY_PER_KEY: '2',
      HEAVY_CONCURRENCY_TOTAL: '4',
    });
  });

  afterAll(() => api.close());

  it('refuses a key past its rate with RATE_LIMITED and a retryAfter, while another key and light queries go on', async () => {
    const greedy = await api.createBusiness('Greedy café');
    const modest = await api.createBusiness('Modest café');
    const outcomes: string[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 8; i++) {
      const operation =
        i % 2
          ? api.graphql(SIMULATE, { key: greedy.key, variables: { input: LADDER } })
          : api.graphql(
              'mutation ($input: RecordInteractionsInput!) { recordInteractions(input: $input) { accepted } }',
              {
                key: greedy.key,
                variables: {
                  input: { interactions: [{ id: `v-${i}`, customerExternalRef: 'ann', type: 'VISIT' }] },
                },
              },
            );
      const response = await operation;
      const code = response.errors?.[0]?.extensions.code;
      outcomes.push(typeof code === 'string' ? code : 'OK');
      if (code === 'RATE_LIMITED') retryAfter = response.errors?.[0]?.extensions.retryAfter;
    }
    expect(outcomes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(retryAfter).toEqual(expect.any(Number));
    expect(retryAfter as number).toBeGreaterThanOrEqual(1);

    // Light operations of the same key are not heavy: they still run.
    expect((await api.graphql('{ business { id } }', { key: greedy.key })).errors).toBeUndefined();
    // Another key keeps its whole share.
    const other = await api.graphql(SIMULATE, { key: modest.key, variables: { input: LADDER } });
    expect(other.errors).toBeUndefined();
  });

  it('never lets one key run more heavy operations at once than its share', async () => {
    const { key } = await api.createBusiness('Parallel café');
    const rows = Array.from({ length: 2000 }, (_, i) => ({ externalRef: `c-${i}` }));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.graphql(
          'mutation ($input: ImportCustomersInput!) { importCustomers(input: $input) { created updated } }',
          { key, variables: { input: { customers: rows } } },
        ),
      ),
    );
    const codes = responses.map((response) => response.errors?.[0]?.extensions.code ?? 'OK');
    // Whatever the interleaving, every refusal is a coded RATE_LIMITED, never an internal error.
    expect(codes.every((code) => code === 'OK' || code === 'RATE_LIMITED')).toBe(true);
    expect(codes).toContain('OK');
  });
});
