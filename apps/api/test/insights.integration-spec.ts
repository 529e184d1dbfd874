import { DataSource } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week containing `at` (an oracle independent of the domain's calendar). */
function utcMonday(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(midnight - ((at.getUTCDay() + 6) % 7) * DAY_MS);
}

describe('insights over HTTP, from data seeded in PostgreSQL', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp({}, { embeddedWorker: false });
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function tier(businessId: string, name: string, rank: number): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, member_count)
       VALUES ($1, $2, $3, $4, $4, 0) RETURNING id`,
      [businessId, name, rank, rank * 10],
    );
    return row.id;
  }

  async function customer(
    businessId: string,
    externalRef: string,
    tierId: string | null,
    erased = false,
  ): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO customers (business_id, external_ref, name, tier_id, erased_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [businessId, externalRef, `Name of ${externalRef}`, tierId, erased ? new Date() : null],
    );
    return row.id;
  }

  let interactionSeq = 0;
  async function interactions(
    businessId: string,
    customerId: string,
    type: string,
    count: number,
    rating: number | null = null,
  ) {
    for (let i = 0; i < count; i += 1) {
      interactionSeq += 1;
      await db.query(
        `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, amount, currency, rating)
         VALUES ($1, $2, $3, $4, now() - interval '1 day', $5, $6, $7)`,
        [
          businessId,
          `seed-${interactionSeq}`,
          customerId,
          type,
          type === 'PURCHASE' ? 10 : null,
          type === 'PURCHASE' ? 'EUR' : null,
          rating,
        ],
      );
    }
  }

  async function tierChange(
    businessId: string,
    customerId: string,
    from: string | null,
    to: string | null,
    at: Date,
  ) {
    await db.query(
      `INSERT INTO tier_changes (business_id, customer_id, from_tier_id, to_tier_id, direction, reason, score,
                                 ladder_version, occurred_at)
       VALUES ($1, $2, $3, $4, 'UP', 'QUALIFIED', 60, 1, $5)`,
      [businessId, customerId, from, to, at],
    );
  }

  /**
   * Business A: tiers Regulars < Friends < Inner Circle; customers none0, none5 (no tier),
   * reg1 (Regulars), fr2 & fr3 (Friends), ic4 & ic6 (Inner Circle), and an erased Inner
   * Circle member. Business B has its own data, some of it pointing at A's ids.
   */
  async function seed() {
    const a = await api.createBusiness('Insights A', [ApiKeyScope.InsightsRead]);
    const b = await api.createBusiness('Insights B', [ApiKeyScope.InsightsRead]);
    const t1 = await tier(a.businessId, 'Regulars', 1);
    const t2 = await tier(a.businessId, 'Friends', 2);
    const t3 = await tier(a.businessId, 'Inner Circle', 3);
    await db.query(
      `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, archived_at)
       VALUES ($1, 'Old top', 9, 99, 99, now())`,
      [a.businessId],
    );

    const none0 = await customer(a.businessId, 'none0', null);
    await customer(a.businessId, 'none5', null);
    const reg1 = await customer(a.businessId, 'reg1', t1);
    const fr2 = await customer(a.businessId, 'fr2', t2);
    const fr3 = await customer(a.businessId, 'fr3', t2);
    const ic4 = await customer(a.businessId, 'ic4', t3);
    const ic6 = await customer(a.businessId, 'ic6', t3);
    const erased = await customer(a.businessId, 'gone', t3, true);

    await interactions(a.businessId, ic4, 'PURCHASE', 2);
    await interactions(a.businessId, ic4, 'FEEDBACK', 1, 5);
    await interactions(a.businessId, ic4, 'REFERRAL', 3);
    await interactions(a.businessId, ic6, 'PURCHASE', 1);
    await interactions(a.businessId, ic6, 'FEEDBACK', 1, 2);
    await interactions(a.businessId, ic6, 'REFERRAL', 1);
    await interactions(a.businessId, fr2, 'PURCHASE', 3);
    await interactions(a.businessId, fr3, 'FEEDBACK', 1, 4);
    await interactions(a.businessId, reg1, 'REFERRAL', 2);
    await interactions(a.businessId, reg1, 'VISIT', 4);
    await interactions(a.businessId, none0, 'REFERRAL', 3);
    await interactions(a.businessId, none0, 'PURCHASE', 2);
    await interactions(a.businessId, erased, 'PURCHASE', 2);
    await interactions(a.businessId, erased, 'FEEDBACK', 1, 1);
    await interactions(a.businessId, erased, 'REFERRAL', 9);

    const w0 = utcMonday(new Date());
    await tierChange(a.businessId, ic4, t2, t3, new Date(w0.getTime() - 2 * WEEK_MS + 3_600_000));
    await tierChange(a.businessId, ic6, t2, t3, new Date(w0.getTime() - WEEK_MS + 2 * 3_600_000));
    await tierChange(a.businessId, erased, t2, t3, new Date(w0.getTime() - WEEK_MS + 3 * 3_600_000));
    await tierChange(a.businessId, erased, t3, t2, new Date(w0.getTime() - WEEK_MS + 5 * 3_600_000));
    await tierChange(a.businessId, fr2, t1, t2, new Date(w0.getTime() - WEEK_MS + 6 * 3_600_000));
    // Long before the window: joined and left again, so it leaves no member behind.
    await tierChange(a.businessId, fr3, t2, t3, new Date(w0.getTime() - 20 * WEEK_MS));
    await tierChange(a.businessId, fr3, t3, t2, new Date(w0.getTime() - 19 * WEEK_MS));

    // Business B: its own ladder and customers, plus rows that name A's tier and customer ids.
    const bTop = await tier(b.businessId, 'B top', 1);
    const bCustomer = await customer(b.businessId, 'b1', bTop);
    await customer(b.businessId, 'b2', t3);
    await interactions(b.businessId, bCustomer, 'REFERRAL', 10);
    await interactions(b.businessId, ic4, 'REFERRAL', 5);
    await interactions(b.businessId, fr3, 'PURCHASE', 5);
    await interactions(b.businessId, fr3, 'FEEDBACK', 1, 1);
    await tierChange(b.businessId, bCustomer, null, t3, new Date(w0.getTime() - WEEK_MS + 3_600_000));
    await tierChange(b.businessId, bCustomer, null, bTop, new Date(w0.getTime() - WEEK_MS + 3_600_000));

    return { a, b, t1, t2, t3, ids: { none0, reg1, ic4, ic6 }, w0 };
  }

  it('counts customers per tier, "no tier" first, erased customers and other businesses left out', async () => {
    const { a, b, t1, t2, t3 } = await seed();
    const response = await api.graphql<{
      insights: { tierDistribution: { tier: { id: string; name: string } | null; customers: number }[] };
    }>('{ insights { tierDistribution { tier { id name rank } customers } } }', { key: a.key });
    expect(response.errors).toBeUndefined();
    expect(response.data!.insights.tierDistribution).toEqual([
      { tier: null, customers: 2 },
      { tier: { id: t1, name: 'Regulars', rank: 1 }, customers: 1 },
      { tier: { id: t2, name: 'Friends', rank: 2 }, customers: 2 },
      { tier: { id: t3, name: 'Inner Circle', rank: 3 }, customers: 2 },
    ]);

    const theirs = await api.graphql<{ insights: { tierDistribution: unknown[] } }>(
      '{ insights { tierDistribution { tier { name } customers } } }',
      { key: b.key },
    );
    // B's customer whose tier_id names A's tier is not shown under A's tier: A's tiers never appear here.
    expect(theirs.data!.insights.tierDistribution).toEqual([
      { tier: null, customers: 0 },
      { tier: { name: 'B top' }, customers: 1 },
    ]);
  });

  it('reports repeat-purchase rate and average feedback per tier', async () => {
    const { a, t1, t2, t3 } = await seed();
    const response = await api.graphql<{ insights: { byTier: unknown[] } }>(
      '{ insights { byTier { tier { id } members repeatPurchaseRate averageFeedbackRating } } }',
      { key: a.key },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.insights.byTier).toEqual([
      { tier: { id: t1 }, members: 1, repeatPurchaseRate: 0, averageFeedbackRating: null },
      { tier: { id: t2 }, members: 2, repeatPurchaseRate: 0.5, averageFeedbackRating: 4 },
      { tier: { id: t3 }, members: 2, repeatPurchaseRate: 0.5, averageFeedbackRating: 3.5 },
    ]);
  });

  it('ranks top referrers and honours the limit', async () => {
    const { a, b, ids } = await seed();
    type Referrer = { customerId: string; externalRef: string; name: string; referrals: number };
    const response = await api.graphql<{ insights: { topReferrers: Referrer[] } }>(
      '{ insights { topReferrers { customerId externalRef name referrals } } }',
      { key: a.key },
    );
    expect(response.errors).toBeUndefined();
    const [first, second] = [ids.none0, ids.ic4].sort();
    const refOf = { [ids.none0]: 'none0', [ids.ic4]: 'ic4' };
    expect(response.data!.insights.topReferrers).toEqual([
      { customerId: first, externalRef: refOf[first], name: `Name of ${refOf[first]}`, referrals: 3 },
      { customerId: second, externalRef: refOf[second], name: `Name of ${refOf[second]}`, referrals: 3 },
      { customerId: ids.reg1, externalRef: 'reg1', name: 'Name of reg1', referrals: 2 },
      { customerId: ids.ic6, externalRef: 'ic6', name: 'Name of ic6', referrals: 1 },
    ]);

    const limited = await api.graphql<{ insights: { topReferrers: Referrer[] } }>(
      '{ insights { topReferrers(limit: 1) { customerId referrals } } }',
      { key: a.key },
    );
    expect(limited.data!.insights.topReferrers).toEqual([{ customerId: first, referrals: 3 }]);

    const theirs = await api.graphql<{ insights: { topReferrers: Referrer[] } }>(
      '{ insights { topReferrers { externalRef referrals } } }',
      { key: b.key },
    );
    expect(theirs.data!.insights.topReferrers).toEqual([{ externalRef: 'b1', referrals: 10 }]);
  });

  it('replays inner-circle joins, leaves and members per week from the tier history', async () => {
    const { a, w0 } = await seed();
    type Week = { weekStart: string; joined: number; left: number; members: number };
    const response = await api.graphql<{ insights: { recent: Week[]; all: Week[] } }>(
      `{ insights {
          recent: innerCircleGrowth(weeks: 3) { weekStart joined left members }
          all: innerCircleGrowth { weekStart }
        } }`,
      { key: a.key },
    );
    expect(response.errors).toBeUndefined();
    const week = (back: number) => new Date(w0.getTime() - back * WEEK_MS).toISOString();
    expect(response.data!.insights.recent).toEqual([
      { weekStart: week(2), joined: 1, left: 0, members: 1 },
      { weekStart: week(1), joined: 2, left: 1, members: 2 },
      { weekStart: week(0), joined: 0, left: 0, members: 2 },
    ]);
    expect(response.data!.insights.all.map((w) => w.weekStart)).toEqual(
      Array.from({ length: 12 }, (_, i) => week(11 - i)),
    );
  });

  it('starts weeks on Monday midnight in the business’s time zone', async () => {
    const { a, businessId } = await (async () => {
      const created = await api.createBusiness('New York', [ApiKeyScope.InsightsRead]);
      await db.query(`UPDATE businesses SET time_zone = 'America/New_York' WHERE id = $1`, [
        created.businessId,
      ]);
      return { a: created, businessId: created.businessId };
    })();
    expect(businessId).toBeDefined();
    const response = await api.graphql<{
      insights: { innerCircleGrowth: { weekStart: string; members: number }[] };
    }>('{ insights { innerCircleGrowth(weeks: 30) { weekStart members } } }', { key: a.key });
    expect(response.errors).toBeUndefined();
    const weeks = response.data!.insights.innerCircleGrowth;
    expect(weeks).toHaveLength(30);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (const { weekStart, members } of weeks) {
      expect(local.format(new Date(weekStart))).toBe('Mon 00:00');
      expect(members).toBe(0);
    }
    const last = Date.parse(weeks[29].weekStart);
    expect(Date.now() - last).toBeGreaterThanOrEqual(0);
    expect(Date.now() - last).toBeLessThan(WEEK_MS + 3_600_000);
  });

  it('runs one aggregate statement per requested figure and none for the others', async () => {
    const { a } = await seed();
    const spy = jest.spyOn(db, 'query');
    try {
      const response = await api.graphql('{ insights { byTier { members } } }', { key: a.key });
      expect(response.errors).toBeUndefined();
      const statements = spy.mock.calls.map(([sql]) => String(sql));
      const insightStatements = statements.filter((sql) =>
        /tier_changes|interactions|FROM customers/.test(sql),
      );
      expect(insightStatements).toHaveLength(1);
      expect(insightStatements[0]).toContain('member_stats');
    } finally {
      spy.mockRestore();
    }
  });

  it('validates the arguments and needs the insights:read scope', async () => {
    const { key } = await api.createBusiness('Args', [ApiKeyScope.InsightsRead]);
    for (const [query, field] of [
      ['{ insights { topReferrers(limit: 51) { referrals } } }', 'limit'],
      ['{ insights { topReferrers(limit: 0) { referrals } } }', 'limit'],
      ['{ insights { innerCircleGrowth(weeks: 0) { members } } }', 'weeks'],
      ['{ insights { innerCircleGrowth(weeks: 105) { members } } }', 'weeks'],
    ]) {
      const response = await api.graphql(query, { key });
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: [expect.objectContaining({ field })],
      });
    }

    const { key: other } = await api.createBusiness('No insights', [
      ApiKeyScope.CustomersRead,
      ApiKeyScope.InteractionsWrite,
    ]);
    const denied = await api.graphql('{ insights { tierDistribution { customers } } }', { key: other });
    expect(denied.data).toBeNull();
    expect(denied.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      missingScopes: ['insights:read'],
    });
  });
});
