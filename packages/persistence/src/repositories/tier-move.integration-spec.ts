import { type Period, TierMoveDirection } from '@inner-circle/domain';
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../test/fresh-database';
import { tier } from '../../test/new-tier';
import { createDataSource, runMigrations } from '../create-data-source';
import { TransactionRunner } from '../transaction-runner';
import { BusinessRepository } from './business.repository';
import { CustomerRepository } from './customer.repository';
import { type TierMove, TierMoveCheckError, TierMoveRepository } from './tier-move.repository';
import { type NewTier, TierRepository } from './tier.repository';

const AT = new Date('2026-11-27T12:00:00Z');

describe('TierMoveRepository.applyCheckedMoves on a real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createFreshDatabase>>;
  let dataSource: DataSource;
  let transactions: TransactionRunner;
  let moves: TierMoveRepository;

  beforeAll(async () => {
    database = await createFreshDatabase();
    dataSource = createDataSource({ url: database.url, poolSize: 12 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    transactions = new TransactionRunner(dataSource);
    moves = new TierMoveRepository();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function setUp(tiers: NewTier[], customerCount: number) {
    const businessId = (
      await new BusinessRepository(dataSource).create({ name: 'Café', timeZone: 'Europe/Paris' })
    ).id;
    const created = await new TierRepository(dataSource).createMany(businessId, tiers);
    const refs = Array.from({ length: customerCount }, (_, i) => `c-${String(i).padStart(3, '0')}`);
    const customers = await transactions.run((tx) =>
      new CustomerRepository(dataSource).lockOrCreateByRefs(tx, businessId, refs),
    );
    return { businessId, tierIds: created.map((t) => t.id), customerIds: customers.map((c) => c.customerId) };
  }

  function move(businessId: string, customerId: string, overrides: Partial<TierMove>): TierMove {
    return {
      businessId,
      customerId,
      fromTierId: null,
      toTierId: null,
      direction: TierMoveDirection.UP,
      reason: 'QUALIFIED',
      score: 42,
      ladderVersion: 1,
      countsAsAdmission: true,
      ignoreCapacity: false,
      at: AT,
      ...overrides,
    };
  }

  /** A batch of one business in its own transaction; the tiers it names are read by the repository. */
  const apply = (batch: TierMove[], timeZone = 'Europe/Paris') =>
    transactions.run((tx) =>
      moves.applyCheckedMoves(tx, {
        businessId: batch[0].businessId,
        timeZone,
        tiers: new Map(),
        moves: batch,
      }),
    );

  const memberCount = async (tierId: string): Promise<number> =>
    (await dataSource.query('SELECT member_count FROM tiers WHERE id = $1', [tierId]))[0].member_count;
  const countRows = async (sql: string, params: unknown[]): Promise<number> =>
    (await dataSource.query(sql, params))[0].count;
  const outboxRowsOf = (businessId: string) =>
    countRows('SELECT count(*)::int AS count FROM outbox WHERE message_key LIKE $1', [`${businessId}:%`]);

  it('its SQL guard never seats more than the capacity under 30 concurrent transactions, and says so', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Inner Circle', 1, { capacity: 10 })], 30);
    const [innerCircle] = tierIds;

    // Callers that skipped the domain's plan and its locks: only the safety net stands.
    const results = await Promise.allSettled(
      customerIds.map((customerId) => apply([move(businessId, customerId, { toTierId: innerCircle })])),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(20);
    for (const { reason } of refused) expect(reason).toBeInstanceOf(TierMoveCheckError);
    expect(await memberCount(innerCircle)).toBe(10);
    expect(
      await countRows('SELECT count(*)::int AS count FROM customers WHERE tier_id = $1', [innerCircle]),
    ).toBe(10);
    expect(
      await countRows('SELECT count(*)::int AS count FROM tier_changes WHERE business_id = $1', [businessId]),
    ).toBe(10);
  });

  it('moves the seat and writes one history row per move, with the id its event must carry; no event', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Regulars', 1), tier('Friends', 2)], 1);
    const [regulars, friends] = tierIds;
    const [customerId] = customerIds;
    await apply([move(businessId, customerId, { toTierId: regulars })]);

    const [result] = await apply([
      move(businessId, customerId, { fromTierId: regulars, toTierId: friends, score: 25.5 }),
    ]);

    expect(result).toMatchObject({
      changed: true,
      direction: 'UP',
      from: { id: regulars, name: 'Regulars', rank: 1 },
      to: { id: friends, name: 'Friends', rank: 2 },
    });
    expect([await memberCount(regulars), await memberCount(friends)]).toEqual([0, 1]);
    const [customer] = await dataSource.query(
      'SELECT tier_id, tier_since, grace_until, waitlisted_for_tier_id FROM customers WHERE id = $1',
      [customerId],
    );
    expect(customer).toEqual({
      tier_id: friends,
      tier_since: AT,
      grace_until: null,
      waitlisted_for_tier_id: null,
    });
    const history = await dataSource.query(
      'SELECT id, from_tier_id, to_tier_id, direction, reason, score, ladder_version FROM tier_changes WHERE customer_id = $1 ORDER BY from_tier_id NULLS FIRST',
      [customerId],
    );
    expect(history).toEqual([
      {
        id: expect.any(String),
        from_tier_id: null,
        to_tier_id: regulars,
        direction: 'UP',
        reason: 'QUALIFIED',
        score: 42,
        ladder_version: 1,
      },
      {
        id: result.tierChangeId,
        from_tier_id: regulars,
        to_tier_id: friends,
        direction: 'UP',
        reason: 'QUALIFIED',
        score: 25.5,
        ladder_version: 1,
      },
    ]);
    // Events are built and written by the caller (one outbox writer), never here.
    expect(await outboxRowsOf(businessId)).toBe(0);
  });

  it('stores the direction the domain decided, and returns an unchanged move without history', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Regulars', 1), tier('Friends', 2)], 2);
    const [regulars] = tierIds;
    await apply([move(businessId, customerIds[0], { toTierId: regulars })]);

    const results = await apply([
      move(businessId, customerIds[0], { fromTierId: regulars, toTierId: regulars }),
      move(businessId, customerIds[1], { toTierId: regulars, direction: TierMoveDirection.NONE }),
    ]);

    expect(results).toEqual([
      expect.objectContaining({ changed: false, tierChangeId: null }),
      expect.objectContaining({ changed: true, direction: 'NONE' }),
    ]);
    const directions = await dataSource.query('SELECT direction FROM tier_changes WHERE customer_id = $1', [
      customerIds[1],
    ]);
    expect(directions).toEqual([{ direction: 'NONE' }]);
  });

  it('counts admissions per period; its SQL guard throws, writing nothing, once the quota is spent', async () => {
    const { businessId, tierIds, customerIds } = await setUp(
      [tier('Inner Circle', 1, { quotaLimit: 1, quotaPeriod: 'WEEK' })],
      2,
    );
    const [innerCircle] = tierIds;
    await apply([move(businessId, customerIds[0], { toTierId: innerCircle })]);

    await expect(apply([move(businessId, customerIds[1], { toTierId: innerCircle })])).rejects.toThrow(
      TierMoveCheckError,
    );

    expect(await memberCount(innerCircle)).toBe(1);
    // 2026-11-27 is in ISO week 48, in Paris as in UTC.
    expect(
      await dataSource.query('SELECT period_key, admitted FROM tier_admissions WHERE tier_id = $1', [
        innerCircle,
      ]),
    ).toEqual([{ period_key: '2026-W48', admitted: 1 }]);
    expect(
      await countRows('SELECT count(*)::int AS count FROM tier_changes WHERE customer_id = $1', [
        customerIds[1],
      ]),
    ).toBe(0);
  });

  it('lets a lock take a seat in a full tier, and records the lock', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Inner Circle', 1, { capacity: 1 })], 2);
    const [innerCircle] = tierIds;
    await apply([move(businessId, customerIds[0], { toTierId: innerCircle })]);
    const lock = { tierId: innerCircle, until: null, reason: 'founder' };

    const [locked] = await apply([
      move(businessId, customerIds[1], {
        toTierId: innerCircle,
        reason: 'LOCKED',
        countsAsAdmission: false,
        ignoreCapacity: true,
        lock,
      }),
    ]);

    expect(locked.changed).toBe(true);
    expect(await memberCount(innerCircle)).toBe(2);
    expect(await transactions.run((tx) => moves.lockTierState(tx, businessId, customerIds[1]))).toMatchObject(
      { tierId: innerCircle, lock },
    );
  });

  it('throws, writing nothing, for another business’s customer or tier', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Regulars', 1), tier('Friends', 2)], 1);
    const other = await setUp([tier('Elsewhere', 1)], 0);
    const [regulars, friends] = tierIds;

    await expect(
      apply([move(other.businessId, customerIds[0], { toTierId: other.tierIds[0] })]),
    ).rejects.toThrow(TierMoveCheckError);
    await expect(apply([move(businessId, customerIds[0], { toTierId: other.tierIds[0] })])).rejects.toThrow(
      /not a tier of the business/,
    );

    expect([
      await memberCount(regulars),
      await memberCount(friends),
      await memberCount(other.tierIds[0]),
    ]).toEqual([0, 0, 0]);
  });

  it('does not deadlock when customers cross between two tiers in opposite directions', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Regulars', 1), tier('Friends', 2)], 20);
    const [regulars, friends] = tierIds;
    const start = customerIds.map((id, i) => ({ id, tier: i % 2 === 0 ? regulars : friends }));
    await apply(start.map((c) => move(businessId, c.id, { toTierId: c.tier })));

    const results = await Promise.all(
      start.map((c) =>
        apply([
          move(businessId, c.id, {
            fromTierId: c.tier,
            toTierId: c.tier === regulars ? friends : regulars,
            direction: c.tier === regulars ? TierMoveDirection.UP : TierMoveDirection.DOWN,
            countsAsAdmission: false,
          }),
        ]),
      ),
    );

    expect(results.every(([r]) => r.changed)).toBe(true);
    expect([await memberCount(regulars), await memberCount(friends)]).toEqual([10, 10]);
  });

  describe('batches', () => {
    /** The ladder as a caller holding it passes it in. */
    const known = (ids: string[], tiers: NewTier[]) =>
      new Map(
        ids.map((id, i) => [
          id,
          {
            id,
            name: tiers[i].name,
            rank: tiers[i].rank,
            quotaPeriod: tiers[i].quotaPeriod as Period | null,
          },
        ]),
      );

    it('writes any number of moves in three statements: net seats with customers, admissions, history', async () => {
      const ladder = [
        tier('Regulars', 1),
        tier('Friends', 2, { capacity: 5, quotaLimit: 3, quotaPeriod: 'MONTH' }),
      ];
      const { businessId, tierIds, customerIds } = await setUp(ladder, 6);
      const [regulars, friends] = tierIds;
      await apply(customerIds.slice(0, 4).map((id) => move(businessId, id, { toTierId: regulars })));
      const batch = [
        // Three up to Friends (counted under the month's quota), one down, two newcomers.
        ...customerIds
          .slice(0, 3)
          .map((id) => move(businessId, id, { fromTierId: regulars, toTierId: friends })),
        move(businessId, customerIds[3], {
          fromTierId: regulars,
          toTierId: null,
          direction: TierMoveDirection.DOWN,
          reason: 'GRACE_EXPIRED',
        }),
        ...customerIds.slice(4).map((id) => move(businessId, id, { toTierId: regulars })),
      ];

      let statements = 0;
      const results = await transactions.run(async (tx) => {
        const query = tx.query.bind(tx);
        jest.spyOn(tx, 'query').mockImplementation((...args: Parameters<typeof tx.query>) => {
          statements += 1;
          return query(...args);
        });
        return moves.applyCheckedMoves(tx, {
          businessId,
          timeZone: 'Europe/Paris',
          tiers: known(tierIds, ladder),
          moves: batch,
        });
      });

      expect(statements).toBe(3);
      expect(results.map((r) => r.direction)).toEqual(['UP', 'UP', 'UP', 'DOWN', 'UP', 'UP']);
      expect([await memberCount(regulars), await memberCount(friends)]).toEqual([2, 3]);
      expect(
        await dataSource.query('SELECT period_key, admitted FROM tier_admissions WHERE tier_id = $1', [
          friends,
        ]),
      ).toEqual([{ period_key: '2026-11', admitted: 3 }]);
      const tiersNow = await dataSource.query(
        'SELECT tier_id, count(*)::int AS n FROM customers WHERE business_id = $1 GROUP BY tier_id ORDER BY n',
        [businessId],
      );
      expect(tiersNow).toEqual(
        expect.arrayContaining([
          { tier_id: null, n: 1 },
          { tier_id: regulars, n: 2 },
          { tier_id: friends, n: 3 },
        ]),
      );
      const history: { id: string; customer_id: string; direction: string }[] = await dataSource.query(
        'SELECT id, customer_id, direction FROM tier_changes WHERE id = ANY($1::uuid[]) ORDER BY customer_id',
        [results.map((r) => r.tierChangeId)],
      );
      expect(history).toHaveLength(6);
      expect(history.map((h) => [h.customer_id, h.direction]).sort()).toEqual(
        batch.map((m) => [m.customerId, m.direction]).sort(),
      );
    });

    it('throws, rolling the transaction back, when the caller’s occupancy was wrong (seats or quota)', async () => {
      const ladder = [
        tier('Full', 1, { capacity: 1 }),
        tier('Quota', 2, { quotaLimit: 1, quotaPeriod: 'WEEK' }),
      ];
      const { businessId, tierIds, customerIds } = await setUp(ladder, 3);
      const [full, quota] = tierIds;
      await apply([move(businessId, customerIds[0], { toTierId: full })]);
      const applyTo = (toTierId: string, ids: string[]) =>
        transactions.run((tx) =>
          moves.applyCheckedMoves(tx, {
            businessId,
            timeZone: 'UTC',
            tiers: known(tierIds, ladder),
            moves: ids.map((id) => move(businessId, id, { toTierId })),
          }),
        );

      await expect(applyTo(full, [customerIds[1]])).rejects.toThrow(/overfill tier\(s\) .*stale/);
      await expect(applyTo(quota, customerIds.slice(1))).rejects.toThrow(/admission quota/);

      expect([await memberCount(full), await memberCount(quota)]).toEqual([1, 0]);
      expect(
        await countRows(
          'SELECT count(*)::int AS count FROM customers WHERE business_id = $1 AND tier_id IS NOT NULL',
          [businessId],
        ),
      ).toBe(1);
      expect(
        await countRows('SELECT count(*)::int AS count FROM tier_admissions WHERE tier_id = $1', [quota]),
      ).toBe(0);
    });

    it('lets a lock pass a full tier without opening a seat for anyone else in the same batch', async () => {
      const ladder = [tier('Full', 1, { capacity: 1 })];
      const { businessId, tierIds, customerIds } = await setUp(ladder, 3);
      const [full] = tierIds;
      await apply([move(businessId, customerIds[0], { toTierId: full })]);
      const locked = (id: string) =>
        move(businessId, id, {
          toTierId: full,
          reason: 'LOCKED',
          countsAsAdmission: false,
          ignoreCapacity: true,
        });
      const applyBatch = (batch: TierMove[]) =>
        transactions.run((tx) =>
          moves.applyCheckedMoves(tx, {
            businessId,
            timeZone: 'UTC',
            tiers: known(tierIds, ladder),
            moves: batch,
          }),
        );

      await expect(
        applyBatch([locked(customerIds[1]), move(businessId, customerIds[2], { toTierId: full })]),
      ).rejects.toThrow(/overfill/);
      expect(await memberCount(full)).toBe(1);

      await applyBatch([locked(customerIds[1])]);
      expect(await memberCount(full)).toBe(2);
    });
  });
});
