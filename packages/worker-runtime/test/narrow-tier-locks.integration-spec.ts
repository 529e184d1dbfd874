import { randomUUID } from 'node:crypto';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import {
  BusinessRepository,
  MEMBERS_OF_T,
  type NewTier,
  OutboxRepository,
  TierRepository,
} from '@inner-circle/persistence';
import { newTier } from './new-tier';
import { purchase } from './purchase-event';
import { startWorkerServices, type WorkerServices } from './worker-services';

// Round 4 of issue 14: the ingest locks FOR UPDATE only the bounded tiers its plan reads; the
// other tiers are held FOR SHARE and their seats appended (tier_seat_changes).
describe('narrow tier locks in the ingest (real PostgreSQL)', () => {
  let services: WorkerServices;
  const tiers = () => new TierRepository(services.dataSource);

  beforeAll(async () => {
    services = await startWorkerServices();
  });
  afterAll(() => services.dataSource.destroy());
  afterEach(() => jest.restoreAllMocks());

  async function business(ladder: NewTier[]): Promise<{ businessId: string; tierIds: string[] }> {
    const created = await new BusinessRepository(services.dataSource).create({
      name: `Café ${randomUUID()}`,
    });
    const rows = await tiers().createMany(created.id, ladder);
    return { businessId: created.id, tierIds: rows.map((row) => row.id) };
  }

  /** Members as every reader sees them (member_count + pending seat changes), and the customers holding each tier. */
  async function seatsOf(businessId: string) {
    const rows: {
      id: string;
      capacity: number | null;
      tier_members: number;
      held: number;
      waiting: number;
    }[] = await services.dataSource.query(
      `SELECT t.id, t.capacity, ${MEMBERS_OF_T},
                (SELECT count(*)::int FROM customers c WHERE c.tier_id = t.id) AS held,
                (SELECT count(*)::int FROM customers c WHERE c.waitlisted_for_tier_id = t.id) AS waiting
           FROM tiers t WHERE t.business_id = $1 ORDER BY t.rank`,
      [businessId],
    );
    return rows;
  }
  const counter = async (
    metric: { get(): Promise<{ values: { value: number; labels: object }[] }> },
    label: object,
  ) =>
    (await metric.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(label))?.value ?? 0;

  it('two batches moving newcomers into an unbounded tier: the second commits while the first is open; members exact', async () => {
    const { businessId } = await business([
      newTier({ name: 'Bronze', rank: 1 }),
      newTier({ name: 'Gold', rank: 2, entryScore: 50, retainScore: 40, capacity: 3 }),
    ]);
    // Hold the first batch's transaction open after all its writes (its outbox write is the last).
    const outbox = OutboxRepository.prototype;
    const add = outbox.add;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const firstWritten = new Promise<void>((resolve) => (reached = resolve));
    let calls = 0;
    jest.spyOn(outbox, 'add').mockImplementation(async function (this: OutboxRepository, ...args) {
      const result = await add.apply(this, args);
      if (++calls === 1) {
        reached();
        await gate;
      }
      return result;
    });
    const narrowedBefore = await counter(services.metrics.tierLocksNarrowed, { exclusive: 'none' });

    const first = services.ingest.ingest([purchase(businessId, 'ann'), purchase(businessId, 'bob')]);
    await firstWritten;
    // If this batch waited on the first one's tier rows it would never finish: the test times out.
    await services.ingest.ingest([purchase(businessId, 'cat')]);
    const [bronzeWhileOpen] = await seatsOf(businessId);
    expect(bronzeWhileOpen).toMatchObject({ tier_members: 1, held: 1 });
    release();
    await first;

    const [bronze, gold] = await seatsOf(businessId);
    expect(bronze).toMatchObject({ tier_members: 3, held: 3 });
    expect(gold).toMatchObject({ tier_members: 0, held: 0 });
    expect((await tiers().listActive(businessId)).map((t) => t.memberCount)).toEqual([3, 0]);
    expect(await counter(services.metrics.tierLocksNarrowed, { exclusive: 'none' })).toBe(narrowedBefore + 2);
  });

  it('a ladder change capping the unbounded tier while batches run: never over capacity after it, members exact', async () => {
    const { businessId, tierIds } = await business([newTier({ name: 'Bronze', rank: 1 })]);
    const [bronze] = tierIds;
    const batch = (b: number) =>
      services.ingest.ingest(Array.from({ length: 3 }, (_, i) => purchase(businessId, `n-${b}-${i}`)));
    await Promise.all([0, 1].map(batch));
    const capacity = 10;
    let atCap = -1;
    // The ladder change runs among the second wave, in whatever order the database lets it.
    await Promise.all([
      ...[2, 3, 4].map(batch),
      services.transactions.run(async (tx) => {
        await tiers().lockLadder(tx, businessId);
        await tiers().saveLadder(
          tx,
          businessId,
          {
            keep: [{ ...newTier({ name: 'Bronze', rank: 1, capacity }), id: bronze }],
            create: [],
            archiveIds: [],
          },
          new Date(),
        );
        // Every batch that seated someone in Bronze has committed (saveLadder waited for its lock).
        const [{ held }] = await tx.query('SELECT count(*)::int AS held FROM customers WHERE tier_id = $1', [
          bronze,
        ]);
        atCap = held;
      }),
      ...[5, 6, 7].map(batch),
    ]);
    const [seats] = await seatsOf(businessId);
    expect(seats.tier_members).toBe(seats.held);
    expect(seats.held).toBeLessThanOrEqual(Math.max(capacity, atCap));
    // Whoever was not seated waits for Bronze: no decision lost.
    expect(seats.held + seats.waiting).toBe(24);
    // The capped tier is locked exclusively now: no seat change of its is appended any more.
    const [{ pending }] = await services.dataSource.query(
      'SELECT count(*)::int AS pending FROM tier_seat_changes WHERE tier_id = $1',
      [bronze],
    );
    expect(pending).toBe(0);
  });

  it('a ladder committed between a batch’s snapshot and its tier locks: the batch restarts and decides on the new ladder', async () => {
    const ladder = (goldEntry: number): NewTier[] => [
      newTier({ name: 'Bronze', rank: 1 }),
      newTier({ name: 'Gold', rank: 2, entryScore: goldEntry, retainScore: goldEntry - 1, capacity: 5 }),
    ];
    const one = await business(ladder(100));
    const two = await business(ladder(100));
    // The ingest handles businesses in id order: `first` stalls on a held customer, `later` waits behind it.
    const [first, later] = one.businessId < two.businessId ? [one, two] : [two, one];
    await services.ingest.ingest([purchase(first.businessId, 'blocker')]);
    const holder = services.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(
      "SELECT id FROM customers WHERE business_id = $1 AND external_ref = 'blocker' FOR UPDATE",
      [first.businessId],
    );
    const restartsBefore = await counter(services.metrics.tierLockRestarts, { reason: 'ladder_changed' });
    // dan is new: on the snapshot's ladder he enters Bronze (a move: the narrow locks are taken).
    const ingest = services.ingest.ingest([
      purchase(first.businessId, 'blocker'),
      purchase(later.businessId, 'dan'),
    ]);
    await waitFor(
      async () => {
        const [row]: { n: number }[] = await services.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return row.n > 0 ? true : undefined;
      },
      'the batch to wait on the held customer row',
      30_000,
    );
    // Meanwhile Gold's entry drops to 3: dan (≈ 4.8) belongs in Gold now.
    await services.transactions.run(async (tx) => {
      await tiers().lockLadder(tx, later.businessId);
      const [bronze, gold] = ladder(3);
      await tiers().saveLadder(
        tx,
        later.businessId,
        {
          keep: [
            { ...bronze, id: later.tierIds[0] },
            { ...gold, id: later.tierIds[1] },
          ],
          create: [],
          archiveIds: [],
        },
        new Date(),
      );
    });
    await holder.commitTransaction();
    await holder.release();
    await ingest;

    const [dan] = await services.dataSource.query(
      "SELECT tier_id FROM customers WHERE business_id = $1 AND external_ref = 'dan'",
      [later.businessId],
    );
    expect(dan.tier_id).toBe(later.tierIds[1]);
    expect(await counter(services.metrics.tierLockRestarts, { reason: 'ladder_changed' })).toBe(
      restartsBefore + 1,
    );
    const seats = await seatsOf(later.businessId);
    for (const seat of seats) expect(seat.tier_members).toBe(seat.held);
  });

  it('a plan that would read a bounded count its locks do not cover: logged, counted, decided again with every tier exclusive', async () => {
    const { businessId, tierIds } = await business([
      newTier({ name: 'Bronze', rank: 1 }),
      newTier({ name: 'Gold', rank: 2, entryScore: 3, retainScore: 2, capacity: 1 }),
    ]);
    // A bug in the exact set, simulated: the snapshot's plan names no tier to lock exclusively.
    const evaluation = services.evaluation as unknown as Record<
      string,
      (...args: unknown[]) => Promise<object>
    >;
    const planUnlocked = evaluation.planUnlocked;
    jest.spyOn(evaluation, 'planUnlocked').mockImplementation(async function (
      this: unknown,
      ...args: unknown[]
    ) {
      return { ...(await planUnlocked.apply(this, args)), exclusiveTierIds: new Set<string>() };
    });
    const before = await counter(services.metrics.tierLockRestarts, { reason: 'occupancy_not_exact' });
    await Promise.all([
      services.ingest.ingest([purchase(businessId, 'eve')]),
      services.ingest.ingest([purchase(businessId, 'fox')]),
    ]);
    expect(await counter(services.metrics.tierLockRestarts, { reason: 'occupancy_not_exact' })).toBe(
      before + 2,
    );
    const [bronze, gold] = await seatsOf(businessId);
    // Gold has one seat: one of them holds it, the other waits for it in Bronze.
    expect(gold).toMatchObject({ tier_members: 1, held: 1, waiting: 1 });
    expect(bronze).toMatchObject({ tier_members: 1, held: 1 });
    expect(tierIds).toHaveLength(2);
  });

  it('the sweep folds appended seat changes while moves continue; counts stay exact', async () => {
    const { businessId, tierIds } = await business([newTier({ name: 'Bronze', rank: 1 })]);
    const [bronze] = tierIds;
    const batch = (b: number) =>
      services.ingest.ingest(Array.from({ length: 2 }, (_, i) => purchase(businessId, `f-${b}-${i}`)));
    await Promise.all([0, 1, 2].map(batch));
    await Promise.all([
      batch(3),
      services.sweep.foldSeatChanges(),
      batch(4),
      services.sweep.foldSeatChanges(),
      batch(5),
    ]);
    const [seats] = await seatsOf(businessId);
    expect(seats).toMatchObject({ tier_members: 12, held: 12 });
    // Until nothing is left to fold for Bronze (other tests' tiers may be folded on the way).
    await waitFor(
      async () => {
        await services.sweep.foldSeatChanges();
        const [{ pending }] = await services.dataSource.query(
          'SELECT count(*)::int AS pending FROM tier_seat_changes WHERE tier_id = $1',
          [bronze],
        );
        return pending === 0 ? true : undefined;
      },
      'Bronze folded',
      30_000,
    );
    const [{ member_count }] = await services.dataSource.query(
      'SELECT member_count FROM tiers WHERE id = $1',
      [bronze],
    );
    expect(member_count).toBe(12);
    expect((await tiers().listActive(businessId)).map((t) => t.memberCount)).toEqual([12]);
  });
});
