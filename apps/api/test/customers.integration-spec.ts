/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL responses are inspected loosely in assertions */
import {
  applyInteraction,
  defaultScoringSettings,
  initialScoreState,
  type Interaction,
  InteractionType,
  resolveScoringSettings,
  rankKeyForScore,
  scoreAt,
  scoreRankKey,
} from '@inner-circle/domain';
import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { API_EVENT_SOURCE } from '../src/common/event-source';
import { type ApiTestApp, type GraphQLResponse, startApiTestApp } from './api-test-app';

const CUSTOMER_FIELDS = `id externalRef name email marketingConsent joinedAt lastInteractionAt erasedAt score`;
const READ_ONLY = [ApiKeyScope.CustomersRead];
const WRITE_ONLY = [ApiKeyScope.CustomersWrite];

interface CustomerData {
  id: string;
  externalRef: string;
  name: string | null;
  email: string | null;
  marketingConsent: boolean;
  score: number;
  erasedAt: string | null;
}

describe('customers over HTTP GraphQL on real PostgreSQL', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp({}, { embeddedWorker: false });
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function create(key: string, input: Record<string, unknown>): Promise<CustomerData> {
    const response = await api.graphql<{ createCustomer: CustomerData }>(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`,
      { key, variables: { input } },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.createCustomer;
  }

  async function readAsOwner(key: string, id: string): Promise<CustomerData> {
    const response = await api.graphql<{ customer: CustomerData }>(
      `query($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`,
      { key, variables: { id } },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.customer;
  }

  async function addTier(
    businessId: string,
    name: string,
    rank: number,
    extra: Record<string, unknown> = {},
  ) {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, capacity, member_count, grace_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        businessId,
        name,
        rank,
        extra.entryScore ?? rank * 10,
        extra.retainScore ?? rank * 8,
        extra.capacity ?? null,
        extra.memberCount ?? 0,
        extra.graceDays ?? 0,
      ],
    );
    return rows[0].id;
  }

  /** Writes interactions and the score state the worker would have written for them. */
  async function addInteractions(businessId: string, customerId: string, interactions: Interaction[]) {
    let state = initialScoreState();
    for (const interaction of interactions) {
      state = applyInteraction(state, interaction, defaultScoringSettings)!;
      await db.query(
        `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, amount, rating, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          businessId,
          interaction.id,
          customerId,
          interaction.type,
          interaction.occurredAt,
          interaction.amount ?? null,
          interaction.rating ?? null,
          interaction.comment ?? null,
        ],
      );
    }
    const newest = new Date(Math.max(...interactions.map((i) => i.occurredAt.getTime())));
    await db.query(
      `UPDATE customers SET score_state = $2, score = $3, score_as_of = $4, last_interaction_at = $4, score_key = $5
        WHERE id = $1`,
      [customerId, JSON.stringify(state), state.points, newest, scoreRankKey(state, defaultScoringSettings)],
    );
    return state;
  }

  function expectError(response: GraphQLResponse, code: string) {
    expect(response.errors?.[0]?.extensions.code).toBe(code);
  }

  function fieldsOf(response: GraphQLResponse): string[] {
    const fieldErrors = (response.errors?.[0]?.extensions.fieldErrors ?? []) as { field: string }[];
    return fieldErrors.map((e) => e.field);
  }

  describe('createCustomer', () => {
    it('creates a customer and refuses a second one with the same externalRef', async () => {
      const { key } = await api.createBusiness();
      const created = await create(key, {
        externalRef: 'crm-1',
        name: 'Camille',
        email: 'camille@example.com',
      });
      expect(created).toMatchObject({
        externalRef: 'crm-1',
        name: 'Camille',
        email: 'camille@example.com',
        marketingConsent: false,
        score: 0,
        erasedAt: null,
      });
      const again = await api.graphql(`mutation { createCustomer(input: { externalRef: "crm-1" }) { id } }`, {
        key,
      });
      expectError(again, 'CONFLICT');
    });

    it('lets two businesses use the same externalRef', async () => {
      const a = await api.createBusiness();
      const b = await api.createBusiness();
      const first = await create(a.key, { externalRef: 'shared' });
      const second = await create(b.key, { externalRef: 'shared' });
      expect(second.id).not.toBe(first.id);
    });

    it('validates the input with field paths', async () => {
      const { key } = await api.createBusiness();
      const response = await api.graphql(
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
        { key, variables: { input: { externalRef: 'erased:x', email: 'not-an-email' } } },
      );
      expectError(response, 'BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(expect.arrayContaining(['input.externalRef', 'input.email']));
    });

    it('needs customers:write', async () => {
      const { key } = await api.createBusiness('read only', READ_ONLY);
      expectError(
        await api.graphql(`mutation { createCustomer(input: { externalRef: "x" }) { id } }`, { key }),
        'FORBIDDEN',
      );
    });
  });

  describe('customer and customerByExternalRef', () => {
    it('shows the score decayed to now, its breakdown, tier, lock, grace warning and history', async () => {
      const { businessId, key } = await api.createBusiness();
      const regulars = await addTier(businessId, 'Regulars', 1, { entryScore: 1, retainScore: 0.5 });
      const friends = await addTier(businessId, 'Friends', 2, {
        entryScore: 50,
        retainScore: 40,
        graceDays: 10,
        memberCount: 1,
      });
      const customer = await create(key, { externalRef: 'crm-7', name: 'Ana' });
      const day = 24 * 3600 * 1000;
      const state = await addInteractions(businessId, customer.id, [
        { id: 'p1', type: InteractionType.PURCHASE, occurredAt: new Date(Date.now() - 3 * day), amount: 40 },
        { id: 'r1', type: InteractionType.REFERRAL, occurredAt: new Date(Date.now() - 2 * day) },
        {
          id: 'f1',
          type: InteractionType.FEEDBACK,
          occurredAt: new Date(Date.now() - day),
          rating: 5,
          comment: 'lovely',
        },
      ]);
      const graceUntil = new Date(Date.now() + 5 * day);
      await db.query(
        `UPDATE customers SET tier_id = $2, tier_since = now(), grace_until = $3 WHERE id = $1`,
        [customer.id, friends, graceUntil],
      );
      // A lock wins over grace (no warning then), so it sits on another customer.
      const locked = await create(key, { externalRef: 'crm-8' });
      await db.query(
        `UPDATE customers SET tier_id = $2, lock_tier_id = $2, lock_until = now() + interval '1 day', lock_reason = 'VIP'
          WHERE id = $1`,
        [locked.id, friends],
      );
      await db.query(
        `INSERT INTO tier_changes (business_id, customer_id, from_tier_id, to_tier_id, direction, reason, score, ladder_version, occurred_at)
         VALUES ($1, $2, NULL, $3, 'UP', 'QUALIFIED', 12, 1, now() - interval '2 days'),
                ($1, $2, $3, $4, 'UP', 'QUALIFIED', 55, 1, now() - interval '1 day')`,
        [businessId, customer.id, regulars, friends],
      );

      const response = await api.graphql<{ customer: any }>(
        `query($id: ID!) { customer(id: $id) {
            id score tierSince graceUntil
            scoreBreakdown { total byType { type points count } regularity { activeWeeks points } topContributors { interactionId type points } }
            tier { name } waitlistedFor { name }
            downgradeWarning { on toTier { name } }
            lock { tier { name } until reason }
            recentInteractions(limit: 2) { id type comment }
            tierHistory(limit: 5) { fromTier { name } toTier { name } direction reason score at }
        } }`,
        { key, variables: { id: customer.id } },
      );
      expect(response.errors).toBeUndefined();
      const shown = response.data!.customer;
      const expected = scoreAt(state, new Date(), defaultScoringSettings);
      expect(shown.score).toBeGreaterThan(0);
      expect(shown.score).toBeCloseTo(expected, 3);
      expect(shown.scoreBreakdown.total).toBeCloseTo(expected, 3);
      expect(shown.scoreBreakdown.byType).toHaveLength(5);
      // The parts add up: each type's points plus what returning week after week earned.
      const parts = shown.scoreBreakdown.byType.reduce((sum: number, row: any) => sum + row.points, 0);
      expect(shown.scoreBreakdown.regularity.activeWeeks).toBeGreaterThan(0);
      expect(parts + shown.scoreBreakdown.regularity.points).toBeCloseTo(shown.scoreBreakdown.total, 6);
      expect(shown.scoreBreakdown.byType).toContainEqual({
        type: 'REFERRAL',
        points: expect.any(Number),
        count: 1,
      });
      expect(shown.scoreBreakdown.topContributors[0]).toMatchObject({
        interactionId: 'r1',
        type: 'REFERRAL',
      });
      expect(shown.tier).toEqual({ name: 'Friends' });
      expect(shown.waitlistedFor).toBeNull();
      // Below Friends' retain score of 40 and in grace: the domain names Regulars as the landing tier.
      expect(shown.downgradeWarning).toEqual({ on: graceUntil.toISOString(), toTier: { name: 'Regulars' } });
      expect(shown.lock).toBeNull();
      expect(shown.recentInteractions).toEqual([
        { id: 'f1', type: 'FEEDBACK', comment: 'lovely' },
        { id: 'r1', type: 'REFERRAL', comment: null },
      ]);
      expect(shown.tierHistory).toEqual([
        expect.objectContaining({
          fromTier: { name: 'Regulars' },
          toTier: { name: 'Friends' },
          direction: 'UP',
          score: 55,
        }),
        expect.objectContaining({
          fromTier: null,
          toTier: { name: 'Regulars' },
          reason: 'QUALIFIED',
          score: 12,
        }),
      ]);
    });

    it('finds by externalRef and answers NOT_FOUND for a missing one', async () => {
      const { key } = await api.createBusiness();
      const customer = await create(key, { externalRef: 'ext-1' });
      const found = await api.graphql<{ customerByExternalRef: { id: string } }>(
        `{ customerByExternalRef(externalRef: "ext-1") { id } }`,
        { key },
      );
      expect(found.data?.customerByExternalRef.id).toBe(customer.id);
      expectError(
        await api.graphql(`{ customerByExternalRef(externalRef: "nope") { id } }`, { key }),
        'NOT_FOUND',
      );
      expectError(
        await api.graphql(`{ customer(id: "9f0b6a9e-5b1c-4d3e-8f2a-1b2c3d4e5f60") { id } }`, { key }),
        'NOT_FOUND',
      );
    });

    it('never shows another business’s customer', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const customer = await create(owner.key, { externalRef: 'private-1', name: 'Secret' });
      const byId = await api.graphql(`query($id: ID!) { customer(id: $id) { id name } }`, {
        key: other.key,
        variables: { id: customer.id },
      });
      expectError(byId, 'NOT_FOUND');
      expect(byId.data).toBeNull();
      expectError(
        await api.graphql(`{ customerByExternalRef(externalRef: "private-1") { id } }`, { key: other.key }),
        'NOT_FOUND',
      );
    });

    it('validates ids and refs', async () => {
      const { key } = await api.createBusiness();
      const badId = await api.graphql(`{ customer(id: "not-a-uuid") { id } }`, { key });
      expectError(badId, 'BAD_USER_INPUT');
      expect(fieldsOf(badId)).toEqual(['id']);
      const emptyRef = await api.graphql(`{ customerByExternalRef(externalRef: "") { id } }`, { key });
      expectError(emptyRef, 'BAD_USER_INPUT');
      expect(fieldsOf(emptyRef)).toEqual(['externalRef']);
      const badLimit = await api.graphql(
        `query($id: ID!) { customer(id: $id) { recentInteractions(limit: 51) { id } } }`,
        { key, variables: { id: (await create(key, { externalRef: 'l' })).id } },
      );
      expectError(badLimit, 'BAD_USER_INPUT');
      expect(fieldsOf(badLimit)).toEqual(['limit']);
    });

    it('needs customers:read', async () => {
      const { key } = await api.createBusiness('writer', WRITE_ONLY);
      const customer = await create(key, { externalRef: 'w' });
      expectError(
        await api.graphql(`query($id: ID!) { customer(id: $id) { id } }`, {
          key,
          variables: { id: customer.id },
        }),
        'FORBIDDEN',
      );
      expectError(
        await api.graphql(`{ customerByExternalRef(externalRef: "w") { id } }`, { key }),
        'FORBIDDEN',
      );
      expectError(await api.graphql(`{ customers { totalCount } }`, { key }), 'FORBIDDEN');
    });
  });

  describe('customers (connection)', () => {
    const LIST = `query($first: Int, $after: String, $filter: CustomerFilterInput, $sort: CustomerSortInput) {
      customers(first: $first, after: $after, filter: $filter, sort: $sort) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { externalRef } }
      } }`;

    async function list(key: string, variables: Record<string, unknown>) {
      const response = await api.graphql<{ customers: any }>(LIST, { key, variables });
      expect(response.errors).toBeUndefined();
      return response.data!.customers as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
        edges: { node: { externalRef: string } }[];
      };
    }

    it('filters, sorts with id as tiebreaker and pages with keyset cursors', async () => {
      const { businessId, key } = await api.createBusiness();
      const gold = await addTier(businessId, 'Gold', 1);
      const refs = ['a', 'b', 'c', 'd', 'e', 'f'];
      for (const ref of refs)
        await create(key, { externalRef: ref, name: `Name ${ref}`, email: `${ref}@example.com` });
      // Scores: a=5, b=5, c=1, d=9, e=0, f=0; d is gold and waitlisted, e has an interaction time.
      // Rank keys of those scores an hour from now: they read so (a hair above) throughout the test.
      const soon = new Date(Date.now() + 3_600_000);
      await db.query(
        `UPDATE customers SET score = v.score, score_key = v.score_key
           FROM unnest($2::text[], $3::float8[], $4::float8[]) AS v(ref, score, score_key)
          WHERE business_id = $1 AND external_ref = v.ref`,
        [
          businessId,
          ['a', 'b', 'c', 'd'],
          [5, 5, 1, 9],
          [5, 5, 1, 9].map((score) => rankKeyForScore(score, soon, defaultScoringSettings)),
        ],
      );
      await db.query(
        `UPDATE customers SET tier_id = $2, waitlisted_for_tier_id = $2 WHERE business_id = $1 AND external_ref = 'd'`,
        [businessId, gold],
      );
      await db.query(
        `UPDATE customers SET last_interaction_at = now() WHERE business_id = $1 AND external_ref = 'e'`,
        [businessId],
      );

      // Score descending, ties (a, b) in id order; walk every page of 2.
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await list(key, { first: 2, after, sort: { field: 'SCORE', direction: 'DESC' } });
        expect(page.totalCount).toBe(6);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((e) => e.node.externalRef));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(pages).toBe(3);
      expect(seen.slice(0, 1)).toEqual(['d']);
      expect(seen.slice(1, 3).sort()).toEqual(['a', 'b']);
      expect(seen[3]).toBe('c');
      expect(new Set(seen).size).toBe(6);

      const scoreRange = await list(key, {
        filter: { minScore: 0.5, maxScore: 5.5 },
        sort: { field: 'SCORE', direction: 'ASC' },
      });
      expect(scoreRange.edges.map((e) => e.node.externalRef)).toEqual(['c', ...seen.slice(1, 3).reverse()]);
      expect(scoreRange.totalCount).toBe(3);

      expect((await list(key, { filter: { tierId: gold } })).edges.map((e) => e.node.externalRef)).toEqual([
        'd',
      ]);
      const waitlisted = await list(key, { filter: { waitlisted: true } });
      expect(waitlisted.edges.map((e) => e.node.externalRef)).toEqual(['d']);
      expect((await list(key, { filter: { waitlisted: false } })).totalCount).toBe(5);
      const lastInteraction = await list(key, {
        first: 1,
        sort: { field: 'LAST_INTERACTION_AT', direction: 'DESC' },
      });
      expect(lastInteraction.edges[0].node.externalRef).toBe('e');
      // Customers without interactions are still reachable through the cursor.
      const rest = await list(key, {
        first: 10,
        after: lastInteraction.pageInfo.endCursor,
        sort: { field: 'LAST_INTERACTION_AT', direction: 'DESC' },
      });
      expect(rest.edges).toHaveLength(5);
      const joined = await list(key, { first: 3, sort: { field: 'JOINED_AT', direction: 'ASC' } });
      const joinedNext = await list(key, {
        first: 3,
        after: joined.pageInfo.endCursor,
        sort: { field: 'JOINED_AT', direction: 'ASC' },
      });
      expect(new Set([...joined.edges, ...joinedNext.edges].map((e) => e.node.externalRef)).size).toBe(6);
    });

    it('searches name and email with LIKE wildcards taken literally', async () => {
      const { key } = await api.createBusiness();
      await create(key, { externalRef: 's1', name: '100% Joe', email: 'joe@example.com' });
      await create(key, { externalRef: 's2', name: '1000 Jane', email: 'jane_doe@example.com' });
      await create(key, { externalRef: 's3', name: 'Bob', email: 'janexdoe@example.com' });
      const names = async (search: string) =>
        (await list(key, { filter: { search } })).edges.map((e) => e.node.externalRef).sort();
      expect(await names('0%')).toEqual(['s1']);
      expect(await names('e_d')).toEqual(['s2']);
      expect(await names('JOE')).toEqual(['s1']);
      expect(await names('example')).toEqual(['s1', 's2', 's3']);
    });

    it('lists only the caller’s customers', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      await create(owner.key, { externalRef: 'mine', name: 'Only mine' });
      const theirs = await list(other.key, { filter: { search: 'Only mine' } });
      expect(theirs).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('validates paging, filters and cursors', async () => {
      const { key } = await api.createBusiness();
      const tooMany = await api.graphql(LIST, { key, variables: { first: 500 } });
      expectError(tooMany, 'BAD_USER_INPUT');
      expect(fieldsOf(tooMany)).toEqual(['first']);
      const badFilter = await api.graphql(LIST, {
        key,
        variables: { filter: { tierId: 'x', minScore: -1 } },
      });
      expect(fieldsOf(badFilter)).toEqual(expect.arrayContaining(['filter.tierId', 'filter.minScore']));
      expectError(
        await api.graphql(LIST, { key, variables: { filter: { minScore: 5, maxScore: 1 } } }),
        'BAD_USER_INPUT',
      );
      expectError(await api.graphql(LIST, { key, variables: { after: 'garbage' } }), 'BAD_USER_INPUT');
      // A cursor from one ordering is refused by another.
      await create(key, { externalRef: 'c1' });
      await create(key, { externalRef: 'c2' });
      const page = await list(key, { first: 1, sort: { field: 'SCORE', direction: 'DESC' } });
      const crossed = await api.graphql(LIST, {
        key,
        variables: { first: 1, after: page.pageInfo.endCursor },
      });
      expectError(crossed, 'BAD_USER_INPUT');
    });
  });

  describe('updateCustomer', () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, input: $input) { ${CUSTOMER_FIELDS} } }`;

    it('changes only the fields sent; null clears', async () => {
      const { key } = await api.createBusiness();
      const customer = await create(key, { externalRef: 'u1', name: 'Old', email: 'old@example.com' });
      const response = await api.graphql<{ updateCustomer: CustomerData }>(UPDATE, {
        key,
        variables: { id: customer.id, input: { marketingConsent: true, email: null } },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.updateCustomer).toMatchObject({
        name: 'Old',
        email: null,
        marketingConsent: true,
      });
    });

    it('validates the input', async () => {
      const { key } = await api.createBusiness();
      const customer = await create(key, { externalRef: 'u2' });
      const response = await api.graphql(UPDATE, {
        key,
        variables: { id: customer.id, input: { email: 'nope', marketingConsent: null } },
      });
      expectError(response, 'BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(expect.arrayContaining(['input.email', 'input.marketingConsent']));
    });

    it('cannot touch another business’s customer', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const customer = await create(owner.key, { externalRef: 'u3', name: 'Keep' });
      const response = await api.graphql(UPDATE, {
        key: other.key,
        variables: { id: customer.id, input: { name: 'Hijacked' } },
      });
      expectError(response, 'NOT_FOUND');
      expect((await readAsOwner(owner.key, customer.id)).name).toBe('Keep');
    });

    it('needs customers:write', async () => {
      const owner = await api.createBusiness();
      const reader = await api.createBusiness('reader', READ_ONLY);
      const customer = await create(owner.key, { externalRef: 'u4' });
      expectError(
        await api.graphql(UPDATE, { key: reader.key, variables: { id: customer.id, input: { name: 'x' } } }),
        'FORBIDDEN',
      );
    });
  });

  describe('importCustomers', () => {
    const IMPORT = `mutation($input: ImportCustomersInput!) { importCustomers(input: $input) {
      created updated failed results { row externalRef status customerId message } } }`;

    interface ImportResult {
      created: number;
      updated: number;
      failed: number;
      results: {
        row: number;
        externalRef: string | null;
        status: string;
        customerId: string | null;
        message: string | null;
      }[];
    }

    it('imports 10,000 rows with per-row errors, then updates on re-import', async () => {
      const { businessId, key } = await api.createBusiness();
      await create(key, { externalRef: 'row-0', name: 'Before', marketingConsent: true });
      const rows = Array.from({ length: 10_000 }, (_, i) => {
        if (i % 1000 === 1) return { externalRef: `row-${i}`, email: 'broken' };
        if (i % 1000 === 2) return { externalRef: 'erased:forged' };
        return { externalRef: `row-${i}`, name: `Customer ${i}`, email: `c${i}@example.com` };
      });
      rows.push({ externalRef: 'row-5', name: 'Duplicate' } as never);
      rows.pop(); // keep exactly 10,000
      rows[9_999] = { externalRef: 'row-5', name: 'Duplicate', email: 'dup@example.com' };

      const started = Date.now();
      const response = await api.graphql<{ importCustomers: ImportResult }>(IMPORT, {
        key,
        variables: { input: { customers: rows } },
      });
      const elapsed = Date.now() - started;
      expect(response.errors).toBeUndefined();
      const result = response.data!.importCustomers;
      // 10 broken emails, 10 forged refs, 1 in-import duplicate; row-0 existed.
      expect(result.failed).toBe(21);
      expect(result.updated).toBe(1);
      expect(result.created).toBe(10_000 - 21 - 1);
      expect(result.results).toHaveLength(10_000);
      expect(result.results[0]).toMatchObject({ row: 0, status: 'UPDATED', externalRef: 'row-0' });
      expect(result.results[1]).toMatchObject({ row: 1, status: 'ERROR', customerId: null });
      expect(result.results[1].message).toMatch(/email/);
      expect(result.results[2].message).toMatch(/externalRef/);
      expect(result.results[9_999]).toMatchObject({
        status: 'ERROR',
        message: expect.stringMatching(/duplicate of row 5/),
      });
      expect(result.results[3]).toMatchObject({ status: 'CREATED', customerId: expect.any(String) });
      console.log(`importCustomers: 10,000 rows in ${elapsed} ms`);

      const [{ count }] = await db.query(
        'SELECT count(*)::int AS count FROM customers WHERE business_id = $1',
        [businessId],
      );
      expect(count).toBe(10_000 - 21);
      // The existing customer kept its consent (not sent) and got the imported name.
      const before = await readAsOwner(key, result.results[0].customerId!);
      expect(before).toMatchObject({ name: 'Customer 0', marketingConsent: true });

      const again = await api.graphql<{ importCustomers: ImportResult }>(IMPORT, {
        key,
        variables: {
          input: {
            customers: [
              { externalRef: 'row-3', name: 'Renamed', marketingConsent: true },
              { externalRef: 'new-1' },
            ],
          },
        },
      });
      expect(again.data?.importCustomers).toMatchObject({ created: 1, updated: 1, failed: 0 });
      const renamed = await readAsOwner(key, again.data!.importCustomers.results[0].customerId!);
      expect(renamed).toMatchObject({ name: 'Renamed', email: 'c3@example.com', marketingConsent: true });
    });

    it('refuses more than 10,000 rows and an empty list', async () => {
      const { key } = await api.createBusiness();
      const tooMany = await api.graphql(IMPORT, {
        key,
        variables: {
          input: { customers: Array.from({ length: 10_001 }, (_, i) => ({ externalRef: `r${i}` })) },
        },
      });
      expectError(tooMany, 'BAD_USER_INPUT');
      expect(fieldsOf(tooMany)).toEqual(['input.customers']);
      expectError(
        await api.graphql(IMPORT, { key, variables: { input: { customers: [] } } }),
        'BAD_USER_INPUT',
      );
    });

    it('imports into the caller’s business only', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const customer = await create(owner.key, { externalRef: 'same-ref', name: 'Owner’s' });
      const response = await api.graphql<{ importCustomers: ImportResult }>(IMPORT, {
        key: other.key,
        variables: { input: { customers: [{ externalRef: 'same-ref', name: 'Other’s' }] } },
      });
      expect(response.data?.importCustomers.results[0]).toMatchObject({ status: 'CREATED' });
      expect(response.data?.importCustomers.results[0]!.customerId).not.toBe(customer.id);
      expect((await readAsOwner(owner.key, customer.id)).name).toBe('Owner’s');
    });

    it('needs customers:write', async () => {
      const { key } = await api.createBusiness('reader', READ_ONLY);
      expectError(
        await api.graphql(IMPORT, { key, variables: { input: { customers: [{ externalRef: 'x' }] } } }),
        'FORBIDDEN',
      );
    });
  });

  describe('eraseCustomer', () => {
    const ERASE = `mutation($id: ID!) { eraseCustomer(id: $id) { ${CUSTOMER_FIELDS} tier { id } } }`;

    it('wipes personal data, keeps anonymised interactions, frees the seat, and writes history and audit', async () => {
      const { businessId, key } = await api.createBusiness();
      const tier = await addTier(businessId, 'Gold', 1, { capacity: 5, memberCount: 3 });
      const customer = await create(key, {
        externalRef: 'gdpr-1',
        name: 'Eve',
        email: 'eve@example.com',
        marketingConsent: true,
      });
      await addInteractions(businessId, customer.id, [
        {
          id: 'i1',
          type: InteractionType.FEEDBACK,
          occurredAt: new Date(),
          rating: 4,
          comment: 'my phone is 0612',
        },
      ]);
      await db.query('UPDATE customers SET tier_id = $2, tier_since = now() WHERE id = $1', [
        customer.id,
        tier,
      ]);

      const response = await api.graphql<{ eraseCustomer: CustomerData & { tier: null } }>(ERASE, {
        key,
        variables: { id: customer.id },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.eraseCustomer).toMatchObject({
        id: customer.id,
        externalRef: `erased:${customer.id}`,
        name: null,
        email: null,
        marketingConsent: false,
        erasedAt: expect.any(String),
        tier: null,
      });
      const [{ member_count }] = await db.query('SELECT member_count FROM tiers WHERE id = $1', [tier]);
      expect(member_count).toBe(2);
      const interactions = await db.query('SELECT id, comment FROM interactions WHERE customer_id = $1', [
        customer.id,
      ]);
      expect(interactions).toEqual([{ id: 'i1', comment: null }]);
      const changes = await db.query(
        'SELECT id, from_tier_id, to_tier_id, direction, reason FROM tier_changes WHERE customer_id = $1',
        [customer.id],
      );
      expect(changes).toEqual([
        { id: expect.any(String), from_tier_id: tier, to_tier_id: null, direction: 'DOWN', reason: 'ERASED' },
      ]);
      // The api caused it: its source, and the history row's id.
      const events = await db.query('SELECT event_id, payload FROM outbox WHERE message_key = $1', [
        `${businessId}:${customer.id}`,
      ]);
      expect(events).toEqual([
        {
          event_id: changes[0].id,
          payload: expect.objectContaining({
            id: changes[0].id,
            source: API_EVENT_SOURCE,
            type: 'com.innercircle.tier.changed.v1',
            data: expect.objectContaining({
              previousTier: expect.objectContaining({ id: tier }),
              newTier: null,
            }),
          }),
        },
      ]);
      const audit = await db.query(
        `SELECT a.action, a.target_id, k.business_id FROM audit_log a JOIN api_keys k ON k.id = a.actor_key_id
          WHERE a.business_id = $1`,
        [businessId],
      );
      expect(audit).toEqual([{ action: 'customer.erased', target_id: customer.id, business_id: businessId }]);

      // Idempotent: the same answer, nothing written twice.
      const again = await api.graphql<{ eraseCustomer: CustomerData }>(ERASE, {
        key,
        variables: { id: customer.id },
      });
      expect(again.data?.eraseCustomer.externalRef).toBe(`erased:${customer.id}`);
      const [{ audits }] = await db.query(
        'SELECT count(*)::int AS audits FROM audit_log WHERE business_id = $1',
        [businessId],
      );
      expect(audits).toBe(1);
      const [{ seats }] = await db.query('SELECT member_count AS seats FROM tiers WHERE id = $1', [tier]);
      expect(seats).toBe(2);
      // The old ref is free again and an erased customer cannot be updated.
      expectError(
        await api.graphql(`{ customerByExternalRef(externalRef: "gdpr-1") { id } }`, { key }),
        'NOT_FOUND',
      );
      expectError(
        await api.graphql(`mutation($id: ID!) { updateCustomer(id: $id, input: { name: "Eve" }) { id } }`, {
          key,
          variables: { id: customer.id },
        }),
        'CONFLICT',
      );
    });

    it('cannot erase another business’s customer', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const customer = await create(owner.key, { externalRef: 'keep-me', name: 'Kept' });
      expectError(await api.graphql(ERASE, { key: other.key, variables: { id: customer.id } }), 'NOT_FOUND');
      expect(await readAsOwner(owner.key, customer.id)).toMatchObject({ name: 'Kept', erasedAt: null });
    });

    it('validates the id and needs customers:write', async () => {
      const { key } = await api.createBusiness();
      const invalid = await api.graphql(ERASE, { key, variables: { id: 'nope' } });
      expectError(invalid, 'BAD_USER_INPUT');
      expect(fieldsOf(invalid)).toEqual(['id']);
      const reader = await api.createBusiness('reader', READ_ONLY);
      const customer = await create(key, { externalRef: 'x' });
      expectError(await api.graphql(ERASE, { key: reader.key, variables: { id: customer.id } }), 'FORBIDDEN');
    });
  });

  describe('query cost', () => {
    const PAGE = `query($first: Int) { customers(first: $first, sort: { field: SCORE }) {
      edges { node { id score tier { name } lastInteractionAt recentInteractions(limit: 1) { id } } } } }`;

    /** Counts every SQL statement the api sends while `work` runs. */
    async function countStatements(work: () => Promise<unknown>): Promise<number> {
      const runner = db.createQueryRunner();
      const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
      await runner.release();
      const spy = jest.spyOn(prototype, 'query');
      try {
        await work();
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    }

    it('costs the same bounded number of statements for 10 and for 100 customers', async () => {
      const { businessId, key } = await api.createBusiness();
      const tiers = [await addTier(businessId, 'Bronze', 1), await addTier(businessId, 'Silver', 2)];
      await api.graphql(
        `mutation($input: ImportCustomersInput!) { importCustomers(input: $input) { created } }`,
        {
          key,
          variables: {
            input: { customers: Array.from({ length: 100 }, (_, i) => ({ externalRef: `dl-${i}` })) },
          },
        },
      );
      await db.query(
        `UPDATE customers SET tier_id = CASE WHEN random() < 0.5 THEN $2::uuid ELSE $3::uuid END,
                score = random() * 100, last_interaction_at = now() WHERE business_id = $1`,
        [businessId, tiers[0], tiers[1]],
      );
      await db.query(
        `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at)
         SELECT $1, 'visit-' || c.id || '-' || n, c.id, 'VISIT', now() - n * interval '1 hour'
           FROM customers c, generate_series(1, 3) AS n WHERE c.business_id = $1`,
        [businessId],
      );
      await api.graphql(PAGE, { key, variables: { first: 1 } }); // warm-up: key's lastUsedAt settles

      let small: GraphQLResponse<{ customers: { edges: any[] } }> | undefined;
      let large: GraphQLResponse<{ customers: { edges: any[] } }> | undefined;
      const forTen = await countStatements(async () => {
        small = await api.graphql(PAGE, { key, variables: { first: 10 } });
      });
      const forHundred = await countStatements(async () => {
        large = await api.graphql(PAGE, { key, variables: { first: 100 } });
      });
      expect(small?.errors).toBeUndefined();
      expect(large?.errors).toBeUndefined();
      expect(large!.data!.customers.edges).toHaveLength(100);
      expect(
        large!.data!.customers.edges.every((e) => e.node.tier && e.node.recentInteractions.length === 1),
      ).toBe(true);
      // page + tiers + recent interactions: the warm-up verified the key (kept for
      // VERIFIED_KEY_TTL_MS) and touched its lastUsedAt, and totalCount is not selected.
      expect(forHundred).toBe(3);
      expect(forHundred).toBe(forTen);
    });

    it('reads one customer with its score and tier in two statements (the key verified moments ago)', async () => {
      const { businessId, key } = await api.createBusiness();
      const tierId = await addTier(businessId, 'Gold', 1);
      const { id: customerId } = await create(key, { externalRef: 'one-1' });
      const state = await addInteractions(businessId, customerId, [
        { id: 'one-1-visit', type: InteractionType.VISIT, occurredAt: new Date(Date.now() - 2 * 86_400_000) },
      ]);
      await db.query('UPDATE customers SET tier_id = $2 WHERE id = $1', [customerId, tierId]);
      // A business's own half-life must reach the score through the key lookup. Written behind
      // the api's back (as another process would), so this process forgets the key it verified.
      await db.query(`UPDATE businesses SET scoring_settings = '{"halfLifeDays": 1}' WHERE id = $1`, [
        businessId,
      ]);
      api.app.get(ApiKeysService).forgetBusiness(businessId);
      const ONE = `query($id: ID!) { customer(id: $id) { id score tier { name } } }`;
      // Warm-up: the key is verified (and its settings read) once, its lastUsedAt settles.
      await api.graphql(ONE, { key, variables: { id: customerId } });

      let response: GraphQLResponse<{ customer: { score: number; tier: { name: string } } }> | undefined;
      const statements = await countStatements(async () => {
        response = await api.graphql(ONE, { key, variables: { id: customerId } });
      });
      expect(response?.errors).toBeUndefined();
      expect(response!.data!.customer.tier.name).toBe('Gold');
      expect(response!.data!.customer.score).toBeCloseTo(
        scoreAt(state, new Date(), resolveScoringSettings({ halfLifeDays: 1 }, 'UTC')),
        3,
      );
      // The customer + its tier: the key (with the business's scoring settings) was verified by
      // the warm-up and is not read again within VERIFIED_KEY_TTL_MS.
      expect(statements).toBe(2);
    });

    it('rejects a query nested deeper than the depth limit', async () => {
      const { key } = await api.createBusiness();
      // Depth 6, within the limit of 10.
      const allowed = `{ customers { edges { node { lock { tier { id } } } } } }`;
      expect((await api.graphql(allowed, { key })).errors).toBeUndefined();
      // Customer types do not recurse, so depth comes from nested fragment spreads (each counts).
      const tooDeep = `{ customers { ...A } }
        fragment A on CustomerConnection { ...B }
        fragment B on CustomerConnection { ...C }
        fragment C on CustomerConnection { ...D }
        fragment D on CustomerConnection { edges { node { tierHistory { fromTier { id } } } } }`;
      const response = await api.graphql(tooDeep, { key });
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/depth/i);
    });
  });
});
