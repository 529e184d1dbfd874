import { type ApiTestApp, startApiTestApp } from './api-test-app';

const NUL = 'a\u0000b';

/** Issue 11, "Refuse what cannot be stored, at the door": no input becomes a database error. */
describe('inputs the database cannot store are refused at the door', () => {
  let api: ApiTestApp;
  let key: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    ({ key } = await api.createBusiness('Careful café'));
  });

  afterAll(() => api.close());

  const tier = { name: 'Regulars', rank: 1, entryScore: 1, retainScore: 1, graceDays: 0 };
  const visit = { id: 'v-1', customerExternalRef: 'ann', type: 'VISIT' };

  it.each<[string, string, Record<string, unknown>, string]>([
    [
      'a customer name',
      'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { externalRef: 'ann', name: NUL } },
      'input.name',
    ],
    [
      'an externalRef',
      'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { externalRef: NUL } },
      'input.externalRef',
    ],
    [
      'an email',
      'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { externalRef: 'ann', email: `ann${NUL}@example.com` } },
      'input.email',
    ],
    [
      'a customer search',
      'query ($filter: CustomerFilterInput) { customers(filter: $filter) { totalCount } }',
      { filter: { search: NUL } },
      'filter.search',
    ],
    [
      'a lookup by externalRef',
      'query ($ref: String!) { customerByExternalRef(externalRef: $ref) { id } }',
      { ref: NUL },
      'externalRef',
    ],
    [
      'a tier name',
      'mutation ($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }',
      { input: { tiers: [{ ...tier, name: NUL }] } },
      'input.tiers.0.name',
    ],
    [
      'tier benefits',
      'mutation ($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }',
      { input: { tiers: [{ ...tier, benefits: NUL }] } },
      'input.tiers.0.benefits',
    ],
    [
      'a key name',
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: NUL, scopes: ['CustomersRead'] } },
      'input.name',
    ],
    [
      'a campaign name',
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      { input: { name: NUL, audience: { kind: 'ALL' } } },
      'input.name',
    ],
    [
      'an interaction comment',
      'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
      { input: { ...visit, comment: NUL } },
      'input.comment',
    ],
    [
      'an interaction id',
      'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
      { input: { ...visit, id: NUL } },
      'input.id',
    ],
    [
      'an amount of 1e13 (numeric(14,2))',
      'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
      { input: { ...visit, type: 'PURCHASE', amount: 1e13, currency: 'EUR' } },
      'input.amount',
    ],
    [
      'an amount of 1e308',
      'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
      { input: { ...visit, type: 'PURCHASE', amount: 1e308, currency: 'EUR' } },
      'input.amount',
    ],
    [
      'a grace period past what a date holds',
      'mutation ($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }',
      { input: { tiers: [{ ...tier, graceDays: 2_000_000_000 }] } },
      'input.tiers.0.graceDays',
    ],
  ])(
    'refuses a NUL byte or an out-of-range number in %s as BAD_USER_INPUT naming the field',
    async (_what, query, variables, field) => {
      const response = await api.graphql(query, { key, variables });
      expect(response.errors).toHaveLength(1);
      const [error] = response.errors!;
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(error)).toContain(field.split('.').at(-1)!);
      expect(error.message).not.toMatch(/0x00|byte sequence|overflow|correlation/);
    },
  );

  it('reports NUL bytes in imported rows per row, and stores none of them', async () => {
    const response = await api.graphql<{ importCustomers: { created: number; failed: number } }>(
      'mutation ($input: ImportCustomersInput!) { importCustomers(input: $input) { created failed } }',
      {
        key,
        variables: { input: { customers: [{ externalRef: 'ok-1' }, { externalRef: 'bad', name: NUL }] } },
      },
    );
    if (response.errors) {
      expect(response.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    } else {
      expect(response.data?.importCustomers).toEqual({ created: 1, failed: 1 });
    }
  });

  it('answers NOT_FOUND for another business’s campaign in a redemption, and stores nothing', async () => {
    const owner = await api.createBusiness('Campaign owner');
    const created = await api.graphql<{ createCampaign: { id: string } }>(
      'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
      { key: owner.key, variables: { input: { name: 'Free pastry', audience: { kind: 'ALL' } } } },
    );
    const campaignId = created.data!.createCampaign.id;
    const redemption = { id: 'r-1', customerExternalRef: 'ann', type: 'CAMPAIGN_REDEMPTION', campaignId };

    const one = await api.graphql(
      'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
      { key, variables: { input: redemption } },
    );
    expect(one.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const many = await api.graphql<{
      recordInteractions: { accepted: string[]; errors: { index: number; code: string }[] };
    }>(
      'mutation ($input: RecordInteractionsInput!) { recordInteractions(input: $input) { accepted errors { index code } } }',
      { key, variables: { input: { interactions: [visit, { ...redemption, id: 'r-2' }] } } },
    );
    expect(many.data?.recordInteractions).toEqual({
      accepted: ['v-1'],
      errors: [{ index: 1, code: 'UNKNOWN_CAMPAIGN' }],
    });

    const own = await api.graphql(
      'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
      { key: owner.key, variables: { input: { ...redemption, id: 'r-3' } } },
    );
    expect(own.errors).toBeUndefined();
  });
});
