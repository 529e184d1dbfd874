import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const RECORD_MANY = `mutation ($input: RecordInteractionsInput!) {
  recordInteractions(input: $input) {
    accepted
    errors { index id code message fieldErrors { field messages } }
  }
}`;
const RECORD_ONE = `mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }`;

interface RecordResult {
  accepted: string[];
  errors: { index: number; id: string; code: string; message: string; fieldErrors: { field: string }[] }[];
}

const DAY_MS = 86_400_000;

describe('recording interactions over HTTP, processed by the embedded worker', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp();
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function customer(businessId: string, externalRef: string) {
    const rows = await db.query(
      'SELECT id, score FROM customers WHERE business_id = $1 AND external_ref = $2',
      [businessId, externalRef],
    );
    return rows[0] as { id: string; score: number } | undefined;
  }

  async function interactionIds(businessId: string): Promise<string[]> {
    const rows = await db.query('SELECT id FROM interactions WHERE business_id = $1 ORDER BY id', [
      businessId,
    ]);
    return rows.map((row: { id: string }) => row.id);
  }

  /** The worker applies events asynchronously: poll PostgreSQL until it has. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('accepts the valid items of a batch, reports the others per index, and the worker scores them', async () => {
    const { businessId, key } = await api.createBusiness('Batch café');
    const now = Date.now();
    const response = await api.graphql<{ recordInteractions: RecordResult }>(RECORD_MANY, {
      key,
      variables: {
        input: {
          interactions: [
            { id: 'visit-1', customerExternalRef: 'crm-1', type: 'VISIT' },
            { id: 'feedback-7', customerExternalRef: 'crm-1', type: 'FEEDBACK', rating: 7 },
            { id: 'purchase-no-amount', customerExternalRef: 'crm-2', type: 'PURCHASE' },
            {
              id: 'from-the-future',
              customerExternalRef: 'crm-2',
              type: 'VISIT',
              occurredAt: new Date(now + 2 * DAY_MS).toISOString(),
            },
            {
              id: 'purchase-1',
              customerExternalRef: 'crm-2',
              type: 'PURCHASE',
              amount: 14.5,
              currency: 'EUR',
              occurredAt: new Date(now - DAY_MS).toISOString(),
            },
            {
              id: 'bad-currency',
              customerExternalRef: 'crm-2',
              type: 'PURCHASE',
              amount: 3,
              currency: 'eur',
            },
            { id: '', customerExternalRef: 'crm-3', type: 'VISIT' },
          ],
        },
      },
    });
    expect(response.errors).toBeUndefined();
    const result = response.data!.recordInteractions;
    expect(result.accepted).toEqual(['visit-1', 'purchase-1']);
    expect(
      result.errors.map(({ index, id, code, fieldErrors }) => ({ index, id, code, fieldErrors })),
    ).toEqual([
      {
        index: 1,
        id: 'feedback-7',
        code: 'INVALID_INTERACTION',
        fieldErrors: [expect.objectContaining({ field: 'rating' })],
      },
      {
        index: 2,
        id: 'purchase-no-amount',
        code: 'INVALID_INTERACTION',
        fieldErrors: [expect.objectContaining({ field: 'amount' })],
      },
      {
        index: 3,
        id: 'from-the-future',
        code: 'OCCURRED_IN_FUTURE',
        fieldErrors: [{ field: 'occurredAt', messages: [expect.any(String)] }],
      },
      {
        index: 5,
        id: 'bad-currency',
        code: 'INVALID_INTERACTION',
        fieldErrors: [expect.objectContaining({ field: 'currency' })],
      },
      {
        index: 6,
        id: '',
        code: 'INVALID_INTERACTION',
        fieldErrors: [expect.objectContaining({ field: 'id' })],
      },
    ]);
    expect(result.errors[0].message).toMatch(/rating/);

    const processed = await eventually(
      () => interactionIds(businessId),
      (ids) => ids.length >= 2,
    );
    expect(processed).toEqual(['purchase-1', 'visit-1']);
    expect((await customer(businessId, 'crm-1'))?.score).toBeGreaterThan(0);
    expect((await customer(businessId, 'crm-2'))?.score).toBeGreaterThan(0);
    expect(await customer(businessId, 'crm-3')).toBeUndefined();
  });

  it('rejects a batch of more than 1,000 items as a whole', async () => {
    const { businessId, key } = await api.createBusiness('Flood');
    const interactions = Array.from({ length: 1001 }, (_, i) => ({
      id: `v-${i}`,
      customerExternalRef: 'crm-1',
      type: 'VISIT',
    }));
    const response = await api.graphql(RECORD_MANY, { key, variables: { input: { interactions } } });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ field: 'input.interactions', messages: [expect.stringContaining('1000')] }],
    });

    const exactly = await api.graphql<{ recordInteractions: RecordResult }>(RECORD_MANY, {
      key,
      variables: { input: { interactions: interactions.slice(0, 1000) } },
    });
    expect(exactly.data?.recordInteractions.accepted).toHaveLength(1000);
    const processed = await eventually(
      () => interactionIds(businessId),
      (ids) => ids.length >= 1000,
    );
    expect(processed).toHaveLength(1000);
  });

  it('records one interaction, or refuses an invalid one with BAD_USER_INPUT and its field', async () => {
    const { businessId, key } = await api.createBusiness('Single');
    const ok = await api.graphql(RECORD_ONE, {
      key,
      variables: {
        input: { id: 'fb-1', customerExternalRef: 'crm-9', type: 'FEEDBACK', rating: 5, comment: 'Lovely' },
      },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ recordInteraction: { id: 'fb-1' } });

    for (const [input, field] of [
      [{ id: 'fb-2', customerExternalRef: 'crm-9', type: 'FEEDBACK', rating: 7 }, 'rating'],
      [{ id: 'p-1', customerExternalRef: 'crm-9', type: 'PURCHASE' }, 'amount'],
      [{ id: 'r-1', customerExternalRef: 'crm-9', type: 'REFERRAL' }, 'referredCustomerRef'],
      [
        { id: 'c-1', customerExternalRef: 'crm-9', type: 'CAMPAIGN_REDEMPTION', campaignId: 'nope' },
        'campaignId',
      ],
      [{ id: 'v-1', customerExternalRef: 'x'.repeat(201), type: 'VISIT' }, 'customerExternalRef'],
    ] as const) {
      const refused = await api.graphql(RECORD_ONE, { key, variables: { input } });
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_INTERACTION',
        fieldErrors: [expect.objectContaining({ field })],
      });
    }

    const future = await api.graphql(RECORD_ONE, {
      key,
      variables: {
        input: {
          id: 'v-2',
          customerExternalRef: 'crm-9',
          type: 'VISIT',
          occurredAt: new Date(Date.now() + 2 * DAY_MS).toISOString(),
        },
      },
    });
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OCCURRED_IN_FUTURE',
      fieldErrors: [{ field: 'occurredAt' }],
    });

    const processed = await eventually(
      () => customer(businessId, 'crm-9'),
      (row) => (row?.score ?? 0) > 0,
    );
    expect(processed?.score).toBeGreaterThan(0);
    expect(await interactionIds(businessId)).toEqual(['fb-1']);
  });

  it('records for the caller’s business only: the same customer ref under another key stays apart', async () => {
    const a = await api.createBusiness('Tenant A');
    const b = await api.createBusiness('Tenant B');
    await db.query(
      `INSERT INTO customers (business_id, external_ref, name) VALUES ($1, 'shared-ref', 'Alice')`,
      [a.businessId],
    );

    const smuggled = await api.graphql(RECORD_ONE, {
      key: b.key,
      variables: {
        input: { id: 'x-1', customerExternalRef: 'shared-ref', type: 'VISIT', businessId: a.businessId },
      },
    });
    expect(smuggled.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const response = await api.graphql<{ recordInteractions: RecordResult }>(RECORD_MANY, {
      key: b.key,
      variables: {
        input: { interactions: [{ id: 'b-visit', customerExternalRef: 'shared-ref', type: 'VISIT' }] },
      },
    });
    expect(response.data?.recordInteractions).toEqual({ accepted: ['b-visit'], errors: [] });

    const underB = await eventually(
      () => customer(b.businessId, 'shared-ref'),
      (row) => (row?.score ?? 0) > 0,
    );
    expect(underB?.score).toBeGreaterThan(0);
    expect(await interactionIds(b.businessId)).toEqual(['b-visit']);
    expect(await interactionIds(a.businessId)).toEqual([]);
    expect((await customer(a.businessId, 'shared-ref'))?.score).toBe(0);
    expect(underB?.id).not.toBe((await customer(a.businessId, 'shared-ref'))?.id);
  });

  it('needs the interactions:write scope for both mutations', async () => {
    const { businessId, key } = await api.createBusiness('Reader', [
      ApiKeyScope.CustomersRead,
      ApiKeyScope.InsightsRead,
    ]);
    const one = await api.graphql(RECORD_ONE, {
      key,
      variables: { input: { id: 'v', customerExternalRef: 'crm-1', type: 'VISIT' } },
    });
    const many = await api.graphql(RECORD_MANY, {
      key,
      variables: { input: { interactions: [{ id: 'v', customerExternalRef: 'crm-1', type: 'VISIT' }] } },
    });
    for (const response of [one, many]) {
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        missingScopes: ['interactions:write'],
      });
    }
    // Long enough for the embedded worker to have applied anything published.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await customer(businessId, 'crm-1')).toBeUndefined();
  });
});
