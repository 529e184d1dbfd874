import { TierMoveDirection } from '@inner-circle/domain';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import type { DataSource, QueryRunner } from 'typeorm';
import { createFreshDatabase } from '../../test/fresh-database';
import { tier } from '../../test/new-tier';
import { createDataSource, runMigrations } from '../create-data-source';
import { TransactionRunner } from '../transaction-runner';
import { BusinessRepository } from './business.repository';
import { CustomerRepository } from './customer.repository';
import { InsightsRepository } from './insights.repository';
import { type TierMove, TierMoveCheckError, TierMoveRepository } from './tier-move.repository';
import { LadderChangedDuringLockError, type NewTier, TierRepository } from './tier.repository';

const AT = new Date('2026-11-27T12:00:00Z');

// Round 4 of issue 14: seats of unbounded tiers are appended (tier_seat_changes) under a share
// lock, and every reader adds them to member_count.
describe('narrow tier locks and appended seat changes on a real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createFreshDatabase>>;
  let dataSource: DataSource;
  let transactions: TransactionRunner;
  let tiers: TierRepository;
  const moves = new TierMoveRepository();

  beforeAll(async () => {
    database = await createFreshDatabase();
    dataSource = createDataSource({ url: database.url, poolSize: 8 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    transactions = new TransactionRunner(dataSource);
    tiers = new TierRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function setUp(ladder: NewTier[], customerCount: number) {
    const businessId = (await new BusinessRepository(dataSource).create({ name: 'Café', timeZone: 'UTC' }))
      .id;
    const created = await tiers.createMany(businessId, ladder);
    const refs = Array.from({ length: customerCount }, (_, i) => `c-${String(i).padStart(3, '0')}`);
    const customers = await transactions.run((tx) =>
      new CustomerRepository(dataSource).lockOrCreateByRefs(tx, businessId, refs),
    );
    return { businessId, tierIds: created.map((t) => t.id), customerIds: customers.map((c) => c.customerId) };
  }

  const join = (businessId: string, customerId: string, toTierId: string): TierMove => ({
    businessId,
    customerId,
    fromTierId: null,
    toTierId,
    direction: TierMoveDirection.UP,
    reason: 'QUALIFIED',
    score: 12,
    ladderVersion: 0,
    countsAsAdmission: true,
    ignoreCapacity: false,
    at: AT,
  });

  const members = async (businessId: string) =>
    (await tiers.listActive(businessId)).map((t) => t.memberCount);
  const pending = async (tierId: string): Promise<number> =>
    (
      await dataSource.query('SELECT count(*)::int AS n FROM tier_seat_changes WHERE tier_id = $1', [tierId])
    )[0].n;

  /** A transaction left open by the test (committed or rolled back by it). */
  async function openTransaction(): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  it('two batches moving customers into an unbounded tier do not wait for each other; members stay exact', async () => {
    const { businessId, tierIds, customerIds } = await setUp(
      [tier('Bronze', 1), tier('Gold', 2, { capacity: 5 })],
      4,
    );
    const [bronze] = tierIds;
    const first = await openTransaction();
    try {
      await tiers.lockLadderSeatsNarrow(first.manager, businessId, [], new Set(), 0);
      await moves.applyCheckedMoves(first.manager, {
        businessId,
        timeZone: 'UTC',
        tiers: new Map(),
        moves: [join(businessId, customerIds[0], bronze), join(businessId, customerIds[1], bronze)],
        exactTierIds: new Set(),
      });
      // The first holds Bronze (share) with its seats written and not committed: the second must
      // lock, write and commit meanwhile. If it waited, it would hang and the test time out.
      await transactions.run(async (tx) => {
        const locked = await tiers.lockLadderSeatsNarrow(tx, businessId, [], new Set(), 0);
        expect(locked?.lockedTierIds).toEqual(new Set(tierIds));
        await moves.applyCheckedMoves(tx, {
          businessId,
          timeZone: 'UTC',
          tiers: new Map(),
          moves: [join(businessId, customerIds[2], bronze)],
          exactTierIds: new Set(),
        });
      });
      expect(await members(businessId)).toEqual([1, 0]);
      await first.commitTransaction();
    } finally {
      await first.release();
    }
    expect(await members(businessId)).toEqual([3, 0]);
    expect((await tiers.findLadder(businessId))!.tiers.map((t) => t.memberCount)).toEqual([3, 0]);
    expect(
      (await new InsightsRepository(dataSource).tierDistribution(businessId)).map((r) => r.tier?.memberCount),
    ).toEqual([undefined, 3, 0]);
    // member_count itself was never touched: the seats are pending deltas until folded.
    expect(
      (await dataSource.query('SELECT member_count FROM tiers WHERE id = $1', [bronze]))[0].member_count,
    ).toBe(0);
    expect(await pending(bronze)).toBe(2);
  });

  it('refuses a seat change appended for a tier with a capacity (the SQL safety net)', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Gold', 1, { capacity: 5 })], 1);
    await expect(
      transactions.run((tx) =>
        moves.applyCheckedMoves(tx, {
          businessId,
          timeZone: 'UTC',
          tiers: new Map(),
          moves: [join(businessId, customerIds[0], tierIds[0])],
          exactTierIds: new Set(),
        }),
      ),
    ).rejects.toBeInstanceOf(TierMoveCheckError);
    expect(await members(businessId)).toEqual([0]);
  });

  it('a capped tier locked exclusively excludes another batch that reads it', async () => {
    const { businessId, tierIds } = await setUp([tier('Bronze', 1), tier('Gold', 2, { capacity: 5 })], 0);
    const [, gold] = tierIds;
    const first = await openTransaction();
    try {
      await tiers.lockLadderSeatsNarrow(first.manager, businessId, [], new Set([gold]), 0);
      const second = await openTransaction();
      try {
        // NOWAIT turns "would wait" into an error without any timing.
        await second.query("SET LOCAL lock_timeout = '0'");
        await expect(
          second.query('SELECT id FROM tiers WHERE id = $1 FOR SHARE NOWAIT', [gold]),
        ).rejects.toThrow(/could not obtain lock/);
      } finally {
        await second.rollbackTransaction();
        await second.release();
      }
    } finally {
      await first.rollbackTransaction();
      await first.release();
    }
  });

  it('asks for a restart when the ladder changed after the snapshot, and folds pending seats when a ladder is saved', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Bronze', 1)], 2);
    const [bronze] = tierIds;
    await transactions.run(async (tx) => {
      await tiers.lockLadderSeatsNarrow(tx, businessId, [], new Set(), 0);
      await moves.applyCheckedMoves(tx, {
        businessId,
        timeZone: 'UTC',
        tiers: new Map(),
        moves: customerIds.map((id) => join(businessId, id, bronze)),
        exactTierIds: new Set(),
      });
    });
    expect(await pending(bronze)).toBe(1);
    // Bronze becomes capped: the ladder change folds its pending seats into member_count.
    await transactions.run(async (tx) => {
      await tiers.lockLadder(tx, businessId);
      await tiers.saveLadder(
        tx,
        businessId,
        { keep: [{ ...tier('Bronze', 1, { capacity: 2 }), id: bronze }], create: [], archiveIds: [] },
        AT,
      );
    });
    expect(await pending(bronze)).toBe(0);
    expect(
      (await dataSource.query('SELECT member_count FROM tiers WHERE id = $1', [bronze]))[0].member_count,
    ).toBe(2);
    // A batch that planned on version 0 finds version 1 under its locks.
    const error = await transactions
      .run((tx) => tiers.lockLadderSeatsNarrow(tx, businessId, [], new Set(), 0))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LadderChangedDuringLockError);
    expect(error).toMatchObject({ expectedVersion: 0, foundVersion: 1 });
  });

  it('folds a tier’s seat changes into member_count while others keep appending; counts stay exact', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Bronze', 1)], 13);
    const [bronze] = tierIds;
    const appendOne = (customerId: string) =>
      transactions.run(async (tx) => {
        await tiers.lockLadderSeatsNarrow(tx, businessId, [], new Set(), 0);
        await moves.applyCheckedMoves(tx, {
          businessId,
          timeZone: 'UTC',
          tiers: new Map(),
          moves: [join(businessId, customerId, bronze)],
          exactTierIds: new Set(),
        });
      });
    const fold = () => transactions.run((tx) => tiers.foldSeatChanges(tx, bronze));
    // Moves and folds interleave in any order the database picks.
    const folded = await Promise.all([
      ...customerIds.slice(0, 6).map(appendOne),
      fold(),
      ...customerIds.slice(6, 12).map(appendOne),
      fold(),
    ]);
    expect(folded.every((n) => n === undefined || n >= 0)).toBe(true);
    expect(await members(businessId)).toEqual([12]);
    await appendOne(customerIds[12]);
    expect(await tiers.tiersWithSeatChanges(100)).toContain(bronze);
    expect(await fold()).toBeGreaterThan(0);
    expect(await pending(bronze)).toBe(0);
    expect(await members(businessId)).toEqual([13]);
    expect(await fold()).toBe(0);
  });

  // Found in the round 4 review: the sweep's fold deletes a tier's seat changes (row locks on
  // them) before it updates the tier row; a ladder save locks the tier rows first, then deletes
  // every seat change of the business. A fold that starts between the save's two statements holds
  // the seat changes and waits for the tier row the save holds, while the save waits for the seat
  // changes: a deadlock, and PostgreSQL aborts one of them (the user's ladder change, or the fold).
  it('a fold that starts while a ladder save holds the tier rows waits for it: no deadlock', async () => {
    const { businessId, tierIds, customerIds } = await setUp([tier('Bronze', 1)], 2);
    const [bronze] = tierIds;
    await transactions.run(async (tx) => {
      await tiers.lockLadderSeatsNarrow(tx, businessId, [], new Set(), 0);
      await moves.applyCheckedMoves(tx, {
        businessId,
        timeZone: 'UTC',
        tiers: new Map(),
        moves: customerIds.map((id) => join(businessId, id, bronze)),
        exactTierIds: new Set(),
      });
    });
    expect(await pending(bronze)).toBe(1);

    const save = await openTransaction();
    let fold: Promise<unknown> | undefined;
    try {
      await tiers.lockLadder(save.manager, businessId);
      const query = save.manager.query.bind(save.manager);
      let calls = 0;
      jest
        .spyOn(save.manager, 'query')
        .mockImplementation(async (sql: string, parameters?: Parameters<typeof query>[1]) => {
          // Between the save's tier locks (its first statement) and its fold (its second): the sweep folds.
          if (++calls === 2) {
            fold = transactions
              .run((tx) => tiers.foldSeatChanges(tx, bronze))
              .catch((error: unknown) => error);
            await waitFor(
              async () =>
                (
                  await dataSource.query(
                    `SELECT count(*)::int AS n FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND datname = current_database()`,
                  )
                )[0].n === 1 || undefined,
              'the fold waiting for a lock the save holds',
              30_000,
            );
          }
          return query(sql, parameters);
        });
      const saved = await tiers
        .saveLadder(
          save.manager,
          businessId,
          { keep: [{ ...tier('Bronze', 1, { capacity: 5 }), id: bronze }], create: [], archiveIds: [] },
          AT,
        )
        .catch((error: unknown) => error);
      expect(saved).toBe(1);
      await save.commitTransaction();
    } finally {
      jest.restoreAllMocks();
      if (save.isTransactionActive) await save.rollbackTransaction();
      await save.release();
    }
    const folded = await fold;
    // The save folded both seat changes; the fold, run after it, finds none left.
    expect(folded instanceof Error ? folded.message : folded).toBe(0);
    expect(await pending(bronze)).toBe(0);
    expect(await members(businessId)).toEqual([2]);
  });
});
