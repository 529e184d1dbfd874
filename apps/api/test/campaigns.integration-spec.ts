import { DataSource } from 'typeorm';
import { RedemptionRepository } from '@inner-circle/persistence';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, type GraphQLResponse, startApiTestApp } from './api-test-app';

const CAMPAIGN = `id name description status startsAt endsAt
  audience { kind minTierRank tierIds tiers { id name } }
  caps { total perCustomer perPeriod { limit period } }
  redeemedCount remaining { total perPeriod effective periodKey }
  stats { total remainingCapacity byTier { count tier { id name } } }`;

const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN} } }`;
const GET = `query ($id: ID!) { campaign(id: $id) { ${CAMPAIGN} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN} } }`;
const SCHEDULE = `mutation ($id: ID!, $startsAt: DateTime) { scheduleCampaign(id: $id, startsAt: $startsAt) { id status startsAt } }`;
const transition = (name: string) => `mutation ($id: ID!) { ${name}(id: $id) { id status } }`;
const LIST = `query ($first: Int, $after: String, $status: CampaignStatus) {
  campaigns(first: $first, after: $after, status: $status) {
    totalCount edges { cursor node { id name status } } pageInfo { hasNextPage hasPreviousPage endCursor }
  } }`;
const REDEEM = `mutation ($input: RedeemCampaignInput!) {
  redeemCampaign(input: $input) {
    replayed redemption { id customerId idempotencyKey createdAt tier { id name } campaign { id redeemedCount } }
  } }`;

interface Campaign {
  id: string;
  name: string;
  status: string;
  startsAt: string | null;
  audience: {
    kind: string;
    minTierRank: number | null;
    tierIds: string[] | null;
    tiers: { id: string }[] | null;
  };
  caps: {
    total: number | null;
    perCustomer: number | null;
    perPeriod: { limit: number; period: string } | null;
  };
  redeemedCount: number;
  remaining: {
    total: number | null;
    perPeriod: number | null;
    effective: number | null;
    periodKey: string | null;
  };
  stats: {
    total: number;
    remainingCapacity: number | null;
    byTier: { count: number; tier: { id: string } | null }[];
  };
}
interface Redeemed {
  replayed: boolean;
  redemption: { id: string; customerId: string; tier: { id: string } | null; campaign: { id: string } };
}

const errorOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions ?? {};

describe('campaigns and redemptions over HTTP on real PostgreSQL', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp();
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  /** Two tiers (rank 1 and 2) straight in SQL: this suite does not depend on the tiers feature. */
  async function createTiers(businessId: string): Promise<{ low: string; high: string }> {
    const rows: { id: string; rank: number }[] = await db.query(
      `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, grace_days)
       VALUES ($1, 'Regulars', 1, 5, 3, 0), ($1, 'Inner Circle', 2, 50, 40, 0) RETURNING id, rank`,
      [businessId],
    );
    return { low: rows.find((r) => r.rank === 1)!.id, high: rows.find((r) => r.rank === 2)!.id };
  }

  async function createCustomers(businessId: string, count: number, tierId: string | null = null) {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO customers (business_id, external_ref, tier_id)
       SELECT $1::uuid, 'c-' || gen_random_uuid(), $2::uuid FROM generate_series(1, $3) RETURNING id`,
      [businessId, tierId, count],
    );
    return rows.map((row) => row.id);
  }

  async function createCampaign(key: string, input: Record<string, unknown> = {}): Promise<Campaign> {
    const response = await api.graphql<{ createCampaign: Campaign }>(CREATE, {
      key,
      variables: { input: { name: 'Free pastry', audience: { kind: 'ALL' }, ...input } },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.createCampaign;
  }

  async function activeCampaign(key: string, input: Record<string, unknown> = {}): Promise<Campaign> {
    const campaign = await createCampaign(key, input);
    const response = await api.graphql(transition('activateCampaign'), {
      key,
      variables: { id: campaign.id },
    });
    expect(response.errors).toBeUndefined();
    return campaign;
  }

  const redeem = (key: string, campaignId: string, customerId: string, idempotencyKey: string) =>
    api.graphql<{ redeemCampaign: Redeemed }>(REDEEM, {
      key,
      variables: { input: { campaignId, customerId, idempotencyKey } },
    });

  async function readCampaign(key: string, id: string): Promise<Campaign> {
    const response = await api.graphql<{ campaign: Campaign }>(GET, { key, variables: { id } });
    expect(response.errors).toBeUndefined();
    return response.data!.campaign;
  }

  describe('createCampaign and campaign', () => {
    it('creates a DRAFT campaign and reads it back with its audience tiers and empty stats', async () => {
      const { businessId, key } = await api.createBusiness();
      const tiers = await createTiers(businessId);
      const created = await createCampaign(key, {
        description: 'For our best',
        startsAt: '2030-01-01T00:00:00.000Z',
        endsAt: '2030-02-01T00:00:00.000Z',
        audience: { kind: 'TIER_IDS', tierIds: [tiers.high] },
        caps: { total: 100, perCustomer: 1, perPeriod: { limit: 10, period: 'WEEK' } },
      });
      expect(created).toMatchObject({
        name: 'Free pastry',
        status: 'DRAFT',
        startsAt: '2030-01-01T00:00:00.000Z',
        audience: { kind: 'TIER_IDS', minTierRank: null, tierIds: [tiers.high], tiers: [{ id: tiers.high }] },
        caps: { total: 100, perCustomer: 1, perPeriod: { limit: 10, period: 'WEEK' } },
        redeemedCount: 0,
        remaining: { total: 100, perPeriod: 10, effective: 10 },
        stats: { total: 0, byTier: [], remainingCapacity: 10 },
      });
      expect(await readCampaign(key, created.id)).toEqual(created);
    });

    it('reports every class-validator problem with its field path', async () => {
      const { key } = await api.createBusiness();
      const response = await api.graphql(CREATE, {
        key,
        variables: { input: { name: '', audience: { kind: 'TIER_IDS', tierIds: ['not-a-uuid'] } } },
      });
      expect(errorOf(response).code).toBe('BAD_USER_INPUT');
      const fields = (errorOf(response).fieldErrors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['input.name', 'input.audience.tierIds']));
    });

    it('reports every domain rule broken at once, with field paths', async () => {
      const { businessId, key } = await api.createBusiness();
      await createTiers(businessId);
      const response = await api.graphql(CREATE, {
        key,
        variables: {
          input: {
            name: 'Broken',
            startsAt: '2030-02-01T00:00:00Z',
            endsAt: '2030-01-01T00:00:00Z',
            audience: { kind: 'TIER_IDS', tierIds: ['00000000-0000-4000-8000-000000000000'] },
            caps: { total: -1, perPeriod: { limit: -2, period: 'MONTH' } },
          },
        },
      });
      expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', errorCode: 'INVALID_CAMPAIGN' });
      const fields = (errorOf(response).fieldErrors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual([
        'input.audience.tierIds.0',
        'input.caps.perPeriod.limit',
        'input.caps.total',
        'input.endsAt',
      ]);
      expect((await api.graphql(LIST, { key })).data).toMatchObject({ campaigns: { totalCount: 0 } });
    });

    it('reports a MIN_TIER_RANK audience without a rank', async () => {
      const { key } = await api.createBusiness();
      const response = await api.graphql(CREATE, {
        key,
        variables: { input: { name: 'x', audience: { kind: 'MIN_TIER_RANK' } } },
      });
      expect(errorOf(response).fieldErrors).toEqual([
        { field: 'input.audience.minTierRank', messages: [expect.any(String)] },
      ]);
    });

    it('requires campaigns:write to create and customers:read to read', async () => {
      const owner = await api.createBusiness();
      const campaign = await createCampaign(owner.key);
      const readOnly = await api.createBusiness('ro', [ApiKeyScope.CustomersRead]);
      const created = await api.graphql(CREATE, {
        key: readOnly.key,
        variables: { input: { name: 'x', audience: { kind: 'ALL' } } },
      });
      expect(errorOf(created)).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['campaigns:write'] });

      const writerOnly = await api.createBusiness('w', [ApiKeyScope.InteractionsWrite]);
      const get = await api.graphql(GET, { key: writerOnly.key, variables: { id: campaign.id } });
      expect(errorOf(get)).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['customers:read'] });
      expect(errorOf(await api.graphql(LIST, { key: writerOnly.key }))).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('answers NOT_FOUND for another business’s campaign and for an unknown one', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const campaign = await createCampaign(owner.key);
      for (const id of [campaign.id, '00000000-0000-4000-8000-000000000000']) {
        const response = await api.graphql(GET, { key: other.key, variables: { id } });
        expect(response.data).toBeNull();
        expect(errorOf(response)).toMatchObject({ code: 'NOT_FOUND', errorCode: 'CAMPAIGN_NOT_FOUND' });
      }
      expect(errorOf(await api.graphql(GET, { key: other.key, variables: { id: 'nope' } })).code).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('campaigns', () => {
    it('pages newest first with cursors, filters by status, and sees only the caller’s business', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const names = ['one', 'two', 'three'];
      const ids: string[] = [];
      for (const name of names) ids.push((await createCampaign(owner.key, { name })).id);
      await api.graphql(transition('activateCampaign'), { key: owner.key, variables: { id: ids[0] } });

      type Page = {
        campaigns: {
          totalCount: number;
          edges: { node: { name: string } }[];
          pageInfo: { endCursor: string };
        };
      };
      const first = await api.graphql<Page>(LIST, { key: owner.key, variables: { first: 2 } });
      expect(first.data!.campaigns.totalCount).toBe(3);
      expect(first.data!.campaigns.edges.map((e) => e.node.name)).toEqual(['three', 'two']);
      expect(first.data!.campaigns.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const second = await api.graphql<Page>(LIST, {
        key: owner.key,
        variables: { first: 2, after: first.data!.campaigns.pageInfo.endCursor },
      });
      expect(second.data!.campaigns.edges.map((e) => e.node.name)).toEqual(['one']);
      expect(second.data!.campaigns.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

      const active = await api.graphql<Page>(LIST, { key: owner.key, variables: { status: 'ACTIVE' } });
      expect(active.data!.campaigns.edges.map((e) => e.node.name)).toEqual(['one']);
      expect(active.data!.campaigns.totalCount).toBe(1);

      const theirs = await api.graphql<Page>(LIST, { key: other.key });
      expect(theirs.data!.campaigns).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('rejects a bad page size and a forged cursor with BAD_USER_INPUT', async () => {
      const { key } = await api.createBusiness();
      const big = await api.graphql(LIST, { key, variables: { first: 1000 } });
      expect(errorOf(big).code).toBe('BAD_USER_INPUT');
      expect((errorOf(big).fieldErrors as { field: string }[])[0].field).toBe('first');
      const forged = Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url');
      expect(errorOf(await api.graphql(LIST, { key, variables: { after: forged } })).code).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('updateCampaign', () => {
    it('edits a draft, keeping omitted fields and clearing nulls', async () => {
      const { key } = await api.createBusiness();
      const campaign = await createCampaign(key, {
        description: 'old',
        endsAt: '2031-01-01T00:00:00.000Z',
        caps: { total: 5 },
      });
      const response = await api.graphql<{ updateCampaign: Campaign & { description: string | null } }>(
        UPDATE,
        {
          key,
          variables: {
            id: campaign.id,
            input: { name: 'Renamed', endsAt: null, audience: { kind: 'MIN_TIER_RANK', minTierRank: 2 } },
          },
        },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.updateCampaign).toMatchObject({
        name: 'Renamed',
        description: 'old',
        endsAt: null,
        audience: { kind: 'MIN_TIER_RANK', minTierRank: 2, tierIds: null, tiers: null },
        caps: { total: 5 },
      });
    });

    it('validates the merged rules with the domain and class-validator', async () => {
      const { key } = await api.createBusiness();
      const campaign = await createCampaign(key, { startsAt: '2030-01-01T00:00:00Z' });
      const domain = await api.graphql(UPDATE, {
        key,
        variables: { id: campaign.id, input: { endsAt: '2029-01-01T00:00:00Z', caps: { perCustomer: -1 } } },
      });
      expect(errorOf(domain).code).toBe('BAD_USER_INPUT');
      expect((errorOf(domain).fieldErrors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'input.caps.perCustomer',
        'input.endsAt',
      ]);
      const shape = await api.graphql(UPDATE, { key, variables: { id: campaign.id, input: { name: '' } } });
      expect(errorOf(shape).fieldErrors).toEqual([{ field: 'input.name', messages: [expect.any(String)] }]);
      expect((await readCampaign(key, campaign.id)).name).toBe('Free pastry');
    });

    it('refuses to edit an ACTIVE or ENDED campaign', async () => {
      const { key } = await api.createBusiness();
      const campaign = await activeCampaign(key);
      const response = await api.graphql(UPDATE, {
        key,
        variables: { id: campaign.id, input: { name: 'x' } },
      });
      expect(errorOf(response)).toMatchObject({
        code: 'BAD_USER_INPUT',
        errorCode: 'NOT_EDITABLE',
        status: 'ACTIVE',
      });
    });

    it('needs campaigns:write, and cannot touch another business’s campaign', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const reader = await api.createBusiness('r', [ApiKeyScope.CustomersRead]);
      const campaign = await createCampaign(owner.key);
      const variables = { id: campaign.id, input: { name: 'Hijacked' } };
      expect(errorOf(await api.graphql(UPDATE, { key: reader.key, variables })).code).toBe('FORBIDDEN');
      expect(errorOf(await api.graphql(UPDATE, { key: other.key, variables })).code).toBe('NOT_FOUND');
      expect((await readCampaign(owner.key, campaign.id)).name).toBe('Free pastry');
    });
  });

  describe('status transitions', () => {
    it('schedules, activates, pauses and ends along the allowed table', async () => {
      const { key } = await api.createBusiness();
      const campaign = await createCampaign(key);
      const noStart = await api.graphql(SCHEDULE, { key, variables: { id: campaign.id } });
      expect(errorOf(noStart)).toMatchObject({ code: 'BAD_USER_INPUT', errorCode: 'INVALID_CAMPAIGN' });
      expect((errorOf(noStart).fieldErrors as { field: string }[])[0].field).toBe('startsAt');

      const scheduled = await api.graphql(SCHEDULE, {
        key,
        variables: { id: campaign.id, startsAt: '2030-01-01T00:00:00.000Z' },
      });
      expect(scheduled.data).toEqual({
        scheduleCampaign: { id: campaign.id, status: 'SCHEDULED', startsAt: '2030-01-01T00:00:00.000Z' },
      });
      for (const [mutation, status] of [
        ['activateCampaign', 'ACTIVE'],
        ['pauseCampaign', 'PAUSED'],
        ['activateCampaign', 'ACTIVE'],
        ['endCampaign', 'ENDED'],
      ] as const) {
        const response = await api.graphql(transition(mutation), { key, variables: { id: campaign.id } });
        expect(response.data).toEqual({ [mutation]: { id: campaign.id, status } });
      }
      for (const mutation of ['activateCampaign', 'pauseCampaign', 'endCampaign']) {
        const response = await api.graphql(transition(mutation), { key, variables: { id: campaign.id } });
        expect(errorOf(response)).toMatchObject({
          code: 'BAD_USER_INPUT',
          errorCode: 'INVALID_TRANSITION',
          from: 'ENDED',
        });
      }
    });

    it('refuses to pause a draft', async () => {
      const { key } = await api.createBusiness();
      const campaign = await createCampaign(key);
      const response = await api.graphql(transition('pauseCampaign'), {
        key,
        variables: { id: campaign.id },
      });
      expect(errorOf(response)).toMatchObject({
        errorCode: 'INVALID_TRANSITION',
        from: 'DRAFT',
        to: 'PAUSED',
      });
    });

    it('validates ids, needs campaigns:write, and is isolated per business', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const reader = await api.createBusiness('r', [ApiKeyScope.CustomersRead]);
      const campaign = await createCampaign(owner.key);
      for (const mutation of ['scheduleCampaign', 'activateCampaign', 'pauseCampaign', 'endCampaign']) {
        const query = mutation === 'scheduleCampaign' ? SCHEDULE : transition(mutation);
        const variables = {
          id: campaign.id,
          startsAt: mutation === 'scheduleCampaign' ? '2030-01-01T00:00:00Z' : undefined,
        };
        expect(errorOf(await api.graphql(query, { key: reader.key, variables })).code).toBe('FORBIDDEN');
        expect(errorOf(await api.graphql(query, { key: other.key, variables })).code).toBe('NOT_FOUND');
        const bad = await api.graphql(query, { key: owner.key, variables: { ...variables, id: '42' } });
        expect(errorOf(bad).fieldErrors).toEqual([{ field: 'id', messages: [expect.any(String)] }]);
      }
      expect((await readCampaign(owner.key, campaign.id)).status).toBe('DRAFT');
    });
  });

  describe('redeemCampaign', () => {
    it('redeems once per idempotency key: a retry returns the same redemption and counts nothing', async () => {
      const { businessId, key } = await api.createBusiness();
      const tiers = await createTiers(businessId);
      const [customer] = await createCustomers(businessId, 1, tiers.high);
      const campaign = await activeCampaign(key, { caps: { total: 10 } });

      const first = await redeem(key, campaign.id, customer, 'order-1');
      expect(first.errors).toBeUndefined();
      expect(first.data!.redeemCampaign).toMatchObject({
        replayed: false,
        redemption: { customerId: customer, tier: { id: tiers.high }, campaign: { id: campaign.id } },
      });
      const again = await redeem(key, campaign.id, customer, 'order-1');
      expect(again.data!.redeemCampaign.replayed).toBe(true);
      expect(again.data!.redeemCampaign.redemption.id).toBe(first.data!.redeemCampaign.redemption.id);

      const read = await readCampaign(key, campaign.id);
      expect(read).toMatchObject({
        redeemedCount: 1,
        remaining: { total: 9, effective: 9 },
        stats: { total: 1, remainingCapacity: 9, byTier: [{ count: 1, tier: { id: tiers.high } }] },
      });
      const rows = await db.query('SELECT count(*)::int AS n FROM redemptions WHERE campaign_id = $1', [
        campaign.id,
      ]);
      expect(rows[0].n).toBe(1);

      const [someoneElse] = await createCustomers(businessId, 1);
      const reused = await redeem(key, campaign.id, someoneElse, 'order-1');
      expect(errorOf(reused)).toMatchObject({ code: 'CONFLICT', errorCode: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('validates the input', async () => {
      const { key } = await api.createBusiness();
      const response = await api.graphql(REDEEM, {
        key,
        variables: { input: { campaignId: 'x', customerId: 'y', idempotencyKey: 'k'.repeat(201) } },
      });
      expect(errorOf(response).code).toBe('BAD_USER_INPUT');
      expect((errorOf(response).fieldErrors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'input.campaignId',
        'input.customerId',
        'input.idempotencyKey',
      ]);
      const empty = await api.graphql(REDEEM, {
        key,
        variables: {
          input: {
            campaignId: '00000000-0000-4000-8000-000000000000',
            customerId: '00000000-0000-4000-8000-000000000000',
            idempotencyKey: '',
          },
        },
      });
      expect(errorOf(empty).fieldErrors).toEqual([
        { field: 'input.idempotencyKey', messages: [expect.any(String)] },
      ]);
    });

    it('needs campaigns:write and never reaches another business’s campaign or customer', async () => {
      const owner = await api.createBusiness();
      const other = await api.createBusiness();
      const reader = await api.createBusiness('r', [ApiKeyScope.CustomersRead]);
      const campaign = await activeCampaign(owner.key);
      const [customer] = await createCustomers(owner.businessId, 1);
      const [theirCustomer] = await createCustomers(other.businessId, 1);
      const theirCampaign = await activeCampaign(other.key);

      expect(errorOf(await redeem(reader.key, campaign.id, customer, 'k1')).code).toBe('FORBIDDEN');
      expect(errorOf(await redeem(other.key, campaign.id, customer, 'k2'))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(errorOf(await redeem(other.key, campaign.id, theirCustomer, 'k3'))).toMatchObject({
        code: 'NOT_FOUND',
        errorCode: 'CAMPAIGN_NOT_FOUND',
      });
      expect(errorOf(await redeem(other.key, theirCampaign.id, customer, 'k4'))).toMatchObject({
        code: 'NOT_FOUND',
        errorCode: 'CUSTOMER_NOT_FOUND',
      });
      expect((await readCampaign(owner.key, campaign.id)).redeemedCount).toBe(0);
      const rows = await db.query('SELECT count(*)::int AS n FROM redemptions WHERE customer_id = $1', [
        customer,
      ]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses a campaign that is not active, not started or ended', async () => {
      const { businessId, key } = await api.createBusiness();
      const [customer] = await createCustomers(businessId, 1);
      const draft = await createCampaign(key);
      expect(errorOf(await redeem(key, draft.id, customer, 'a'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        errorCode: 'REDEMPTION_REFUSED',
        reason: 'NOT_ACTIVE',
      });
      const later = await createCampaign(key);
      await api.graphql(SCHEDULE, { key, variables: { id: later.id, startsAt: '2099-01-01T00:00:00Z' } });
      expect(errorOf(await redeem(key, later.id, customer, 'b')).reason).toBe('NOT_STARTED');
      const over = await activeCampaign(key, {
        startsAt: '2020-01-01T00:00:00Z',
        endsAt: '2020-02-01T00:00:00Z',
      });
      expect(errorOf(await redeem(key, over.id, customer, 'c')).reason).toBe('ENDED');
      const ended = await activeCampaign(key);
      await api.graphql(transition('endCampaign'), { key, variables: { id: ended.id } });
      expect(errorOf(await redeem(key, ended.id, customer, 'd')).reason).toBe('ENDED');
      const rows = await db.query('SELECT count(*)::int AS n FROM redemptions WHERE customer_id = $1', [
        customer,
      ]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses customers outside the audience', async () => {
      const { businessId, key } = await api.createBusiness();
      const tiers = await createTiers(businessId);
      const [low] = await createCustomers(businessId, 1, tiers.low);
      const [none] = await createCustomers(businessId, 1);
      const [high] = await createCustomers(businessId, 1, tiers.high);
      const byRank = await activeCampaign(key, { audience: { kind: 'MIN_TIER_RANK', minTierRank: 2 } });
      expect(errorOf(await redeem(key, byRank.id, low, 'a'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'NOT_ELIGIBLE_TIER',
      });
      expect(errorOf(await redeem(key, byRank.id, none, 'b')).reason).toBe('NOT_ELIGIBLE_TIER');
      expect((await redeem(key, byRank.id, high, 'c')).data?.redeemCampaign.replayed).toBe(false);
      const byIds = await activeCampaign(key, { audience: { kind: 'TIER_IDS', tierIds: [tiers.low] } });
      expect(errorOf(await redeem(key, byIds.id, high, 'd')).reason).toBe('NOT_ELIGIBLE_TIER');
      expect((await redeem(key, byIds.id, low, 'e')).data?.redeemCampaign.redemption.tier).toEqual({
        id: tiers.low,
        name: 'Regulars',
      });
    });

    it('enforces the per-customer cap', async () => {
      const { businessId, key } = await api.createBusiness();
      const [alice, bob] = await createCustomers(businessId, 2);
      const campaign = await activeCampaign(key, { caps: { perCustomer: 2 } });
      for (const k of ['a1', 'a2']) expect((await redeem(key, campaign.id, alice, k)).errors).toBeUndefined();
      expect(errorOf(await redeem(key, campaign.id, alice, 'a3'))).toMatchObject({
        code: 'CONFLICT',
        reason: 'CAP_REACHED_CUSTOMER',
      });
      expect((await redeem(key, campaign.id, bob, 'b1')).errors).toBeUndefined();
      expect((await readCampaign(key, campaign.id)).redeemedCount).toBe(3);
    });

    it('enforces the per-period cap in the business’s week', async () => {
      const { businessId, key } = await api.createBusiness();
      const customers = await createCustomers(businessId, 3);
      const campaign = await activeCampaign(key, { caps: { perPeriod: { limit: 2, period: 'WEEK' } } });
      expect((await redeem(key, campaign.id, customers[0], 'p1')).errors).toBeUndefined();
      expect((await redeem(key, campaign.id, customers[1], 'p2')).errors).toBeUndefined();
      expect(errorOf(await redeem(key, campaign.id, customers[2], 'p3'))).toMatchObject({
        code: 'CONFLICT',
        reason: 'CAP_REACHED_PERIOD',
      });
      const read = await readCampaign(key, campaign.id);
      expect(read).toMatchObject({
        redeemedCount: 2,
        remaining: { total: null, perPeriod: 0, effective: 0 },
      });
      expect(read.remaining.periodKey).toMatch(/^\d{4}-W\d{2}$/);
      const keys = await db.query('SELECT DISTINCT period_key FROM redemptions WHERE campaign_id = $1', [
        campaign.id,
      ]);
      expect(keys).toEqual([{ period_key: read.remaining.periodKey }]);
    });

    it('never exceeds the total cap under 200 concurrent redemptions', async () => {
      const { businessId, key } = await api.createBusiness();
      const customers = await createCustomers(businessId, 200);
      const campaign = await activeCampaign(key, { caps: { total: 50 } });

      const responses = await Promise.all(
        customers.map((customer, i) => redeem(key, campaign.id, customer, `burst-${i}`)),
      );
      const succeeded = responses.filter((r) => r.data?.redeemCampaign && !r.errors);
      const refused = responses.filter((r) => r.errors);
      expect(succeeded).toHaveLength(50);
      expect(refused).toHaveLength(150);
      for (const response of refused) {
        expect(errorOf(response)).toMatchObject({ code: 'CONFLICT', reason: 'CAP_REACHED_TOTAL' });
      }
      const [row] = await db.query('SELECT redeemed_count FROM campaigns WHERE id = $1', [campaign.id]);
      expect(row.redeemed_count).toBe(50);
      const [count] = await db.query('SELECT count(*)::int AS n FROM redemptions WHERE campaign_id = $1', [
        campaign.id,
      ]);
      expect(count.n).toBe(50);
    });

    it('returns the winner’s redemption to concurrent requests with the same key', async () => {
      const { businessId, key } = await api.createBusiness();
      const [customer] = await createCustomers(businessId, 1);
      const campaign = await activeCampaign(key);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => redeem(key, campaign.id, customer, 'same-key')),
      );
      for (const response of responses) expect(response.errors).toBeUndefined();
      const ids = new Set(responses.map((r) => r.data!.redeemCampaign.redemption.id));
      expect(ids.size).toBe(1);
      expect(responses.filter((r) => !r.data!.redeemCampaign.replayed)).toHaveLength(1);
      expect((await readCampaign(key, campaign.id)).redeemedCount).toBe(1);
    });
  });

  describe('Customer.redemptions', () => {
    const CUSTOMERS = `query ($limit: Int) { customers(first: 10) { edges { node { id
      redemptions(limit: $limit) { id idempotencyKey campaign { id name } } } } } }`;

    it('lists each customer’s latest redemptions, newest first, only for the caller’s business', async () => {
      const { businessId, key } = await api.createBusiness();
      const [alice, bob] = await createCustomers(businessId, 2);
      const campaign = await activeCampaign(key, { name: 'Coffee' });
      for (const k of ['a1', 'a2', 'a3']) await redeem(key, campaign.id, alice, k);
      await redeem(key, campaign.id, bob, 'b1');

      type Page = {
        customers: {
          edges: {
            node: { id: string; redemptions: { idempotencyKey: string; campaign: { name: string } }[] };
          }[];
        };
      };
      const response = await api.graphql<Page>(CUSTOMERS, { key, variables: { limit: 2 } });
      expect(response.errors).toBeUndefined();
      const byId = new Map(response.data!.customers.edges.map((e) => [e.node.id, e.node.redemptions]));
      expect(byId.get(alice)!.map((r) => r.idempotencyKey)).toEqual(['a3', 'a2']);
      expect(byId.get(bob)).toEqual([
        expect.objectContaining({ idempotencyKey: 'b1', campaign: { id: campaign.id, name: 'Coffee' } }),
      ]);

      const bad = await api.graphql(CUSTOMERS, { key, variables: { limit: 0 } });
      expect(errorOf(bad).code).toBe('BAD_USER_INPUT');

      const other = await api.createBusiness();
      const theirs = await api.graphql<Page>(CUSTOMERS, { key: other.key, variables: { limit: 5 } });
      expect(theirs.data!.customers.edges).toEqual([]);
    });
  });
  describe('Campaign.redemptions (who redeemed)', () => {
    const WHO = `query ($id: ID!, $first: Int, $after: String) { campaign(id: $id) {
      redemptions(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { node { idempotencyKey tier { name } customer { id name externalRef } } } } } }`;
    type Who = {
      campaign: {
        redemptions: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
          edges: {
            node: {
              idempotencyKey: string;
              tier: { name: string } | null;
              customer: { id: string; name: string | null };
            };
          }[];
        };
      };
    };

    it('pages the redeemers newest first with their names and tiers, only for the caller’s business', async () => {
      const { businessId, key } = await api.createBusiness();
      const { low } = await createTiers(businessId);
      const customers = await createCustomers(businessId, 3, low);
      await db.query(`UPDATE customers SET name = 'Redeemer ' || external_ref WHERE business_id = $1`, [
        businessId,
      ]);
      const campaign = await activeCampaign(key, { name: 'Cocoa' });
      for (const [i, customer] of customers.entries()) {
        expect((await redeem(key, campaign.id, customer, `k${i}`)).errors).toBeUndefined();
      }

      const first = await api.graphql<Who>(WHO, { key, variables: { id: campaign.id, first: 2 } });
      expect(first.errors).toBeUndefined();
      const page1 = first.data!.campaign.redemptions;
      expect(page1.totalCount).toBe(3);
      expect(page1.edges.map((e) => e.node.idempotencyKey)).toEqual(['k2', 'k1']);
      expect(page1.edges[0].node.customer).toMatchObject({
        id: customers[2],
        name: expect.stringMatching(/^Redeemer c-/),
      });
      expect(page1.edges[0].node.tier).toEqual({ name: 'Regulars' });
      expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

      const second = await api.graphql<Who>(WHO, {
        key,
        variables: { id: campaign.id, first: 2, after: page1.pageInfo.endCursor },
      });
      const page2 = second.data!.campaign.redemptions;
      expect(page2.edges.map((e) => e.node.idempotencyKey)).toEqual(['k0']);
      expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

      const tampered = await api.graphql(WHO, { key, variables: { id: campaign.id, after: 'bm9wZQ' } });
      expect(errorOf(tampered).code).toBe('BAD_USER_INPUT');

      // Another business sees neither the campaign nor, through its own campaigns, these redeemers.
      const other = await api.createBusiness();
      const theirs = await api.graphql(WHO, { key: other.key, variables: { id: campaign.id } });
      expect(errorOf(theirs).code).toBe('NOT_FOUND');
      const ownCampaign = await activeCampaign(other.key, { name: 'Theirs' });
      const empty = await api.graphql<Who>(WHO, { key: other.key, variables: { id: ownCampaign.id } });
      expect(empty.data!.campaign.redemptions).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('reads a page of campaigns with their redeemers in one batched read', async () => {
      const { businessId, key } = await api.createBusiness();
      const customers = await createCustomers(businessId, 2);
      for (const name of ['one', 'two', 'three']) {
        const campaign = await activeCampaign(key, { name });
        for (const customer of customers) await redeem(key, campaign.id, customer, `${name}-${customer}`);
      }
      const spy = jest.spyOn(api.app.get(RedemptionRepository), 'listByCampaigns');
      try {
        const response = await api.graphql<{
          campaigns: { edges: { node: { redemptions: { totalCount: number; edges: unknown[] } } }[] };
        }>(
          `query { campaigns(first: 20) { edges { node { id
            redemptions(first: 5) { totalCount edges { node { customer { name } } } } } } } }`,
          { key },
        );
        expect(response.errors).toBeUndefined();
        const pages = response.data!.campaigns.edges.map((e) => e.node.redemptions);
        expect(pages.map((p) => [p.totalCount, p.edges.length])).toEqual([
          [2, 2],
          [2, 2],
          [2, 2],
        ]);
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
    });

    it('asks for customers:read to name a redeemer, wherever the redemption is reached', async () => {
      const { businessId, key } = await api.createBusiness('Writer only', [ApiKeyScope.CampaignsWrite]);
      const [customer] = await createCustomers(businessId, 1);
      const campaign = await activeCampaign(key);
      const response = await api.graphql<{ redeemCampaign: { redemption: { id: string; customer: null } } }>(
        `mutation ($input: RedeemCampaignInput!) { redeemCampaign(input: $input) {
          redemption { id customer { id name } } } }`,
        {
          key,
          variables: { input: { campaignId: campaign.id, customerId: customer, idempotencyKey: 'w1' } },
        },
      );
      expect(errorOf(response).code).toBe('FORBIDDEN');
      expect(response.data?.redeemCampaign.redemption.customer ?? null).toBeNull();
    });
  });
});
