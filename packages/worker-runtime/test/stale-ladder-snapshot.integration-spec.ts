import { randomUUID } from 'node:crypto';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';
import { BusinessRepository, type NewTier, TierRepository } from '@inner-circle/persistence';
import { newTier } from './new-tier';
import { purchase } from './purchase-event';
import { startWorkerServices, type WorkerServices } from './worker-services';

const visit = (businessId: string, customerRef: string): InteractionRecordedV1Payload =>
  ({
    businessId,
    customerRef,
    interaction: {
      id: `visit-${randomUUID()}`,
      type: 'VISIT',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    },
  }) as InteractionRecordedV1Payload;

describe('the conditional tier lock (a batch reads its ladder before it locks its customers)', () => {
  let services: WorkerServices;

  /** Resolves once a session of the test database waits on a row lock (the batch, behind the holder). */
  const ingestWaitsOnALock = (): Promise<true> =>
    waitFor(
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

  beforeAll(async () => {
    services = await startWorkerServices();
  });
  afterAll(() => services.dataSource.destroy());

  async function business(tiers: NewTier[]): Promise<{ businessId: string; tierIds: string[] }> {
    const created = await new BusinessRepository(services.dataSource).create({
      name: `Café ${randomUUID()}`,
    });
    const rows = await new TierRepository(services.dataSource).createMany(created.id, tiers);
    return { businessId: created.id, tierIds: rows.map((row) => row.id) };
  }
  const tierOf = async (businessId: string, ref: string) =>
    (
      await services.dataSource.query(
        'SELECT tier_id, score, score_key, score_state, last_interaction_at, grace_until, waitlisted_for_tier_id FROM customers WHERE business_id = $1 AND external_ref = $2',
        [businessId, ref],
      )
    )[0];

  async function staleLadderScenario(): Promise<void> {
    const ladder = (goldEntry: number): NewTier[] => [
      newTier({ name: 'Regulars', rank: 1, entryScore: 1, retainScore: 0.5 }),
      newTier({ name: 'Gold', rank: 2, entryScore: goldEntry, retainScore: goldEntry - 1 }),
    ];
    const one = await business(ladder(100));
    const two = await business(ladder(100));
    // The ingest handles businesses in id order: `first` stalls, `later` is handled on the snapshot read at start.
    const [first, later] = one.businessId < two.businessId ? [one, two] : [two, one];
    await services.ingest.ingest([purchase(first.businessId, 'blocker'), purchase(later.businessId, 'cat')]);
    expect((await tierOf(later.businessId, 'cat')).tier_id).toBe(later.tierIds[0]); // ≈9.9: Regulars

    const holder = services.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(
      "SELECT id FROM customers WHERE business_id = $1 AND external_ref = 'blocker' FOR UPDATE",
      [first.businessId],
    );
    // The batch reads both snapshots (old ladder of `later`), then waits on `first`'s customer.
    const ingest = services.ingest.ingest([
      purchase(first.businessId, 'blocker'),
      visit(later.businessId, 'cat'),
    ]);
    await ingestWaitsOnALock();

    // Meanwhile the owner lowers Gold's entry to 10.5 and the sweep applies it to everyone (cat ≈9.9 stays).
    const tiers = new TierRepository(services.dataSource);
    await services.transactions.run(async (tx) => {
      await tiers.lockLadder(tx, later.businessId);
      const [reg, gold] = ladder(10.5);
      await tiers.saveLadder(
        tx,
        later.businessId,
        {
          keep: [
            { ...reg, id: later.tierIds[0] },
            { ...gold, id: later.tierIds[1] },
          ],
          create: [],
          archiveIds: [],
        },
        new Date(),
      );
    });
    await (
      services.sweep as unknown as { reevaluateLadder(b: string, now: Date): Promise<void> }
    ).reevaluateLadder(later.businessId, new Date());
    const [b] = await services.dataSource.query(
      'SELECT ladder_version, evaluated_ladder_version FROM businesses WHERE id = $1',
      [later.businessId],
    );
    expect(b.evaluated_ladder_version).toBe(b.ladder_version);
    expect((await tierOf(later.businessId, 'cat')).tier_id).toBe(later.tierIds[0]);

    await holder.commitTransaction();
    await holder.release();
    await ingest;

    // Every sweep task for the business runs again: none of them looks for upward qualifiers.
    const sweep = services.sweep as unknown as Record<string, (b: string, now: Date) => Promise<void>>;
    for (const task of ['recomputeScores', 'reevaluateLadder', 'sweepGraceAndWaitlists'])
      await sweep[task].call(services.sweep, later.businessId, new Date());
    const cat = await tierOf(later.businessId, 'cat');
    expect(cat.score).toBeGreaterThanOrEqual(10.5); // ≈10.9 now (a visit): over the new Gold entry of 10.5
    // The current ladder says Gold; nothing else (sweep) will ever move an upward qualifier.
    expect(cat.tier_id).toBe(later.tierIds[1]);
  }

  it('a ladder change (and its sweep) between the snapshot read and the customer lock: the batch still moves whoever the new ladder moves', () =>
    staleLadderScenario());

  it('control: the same interleaving with the tier locks always taken (the path a changed ladder takes) moves cat', async () => {
    const evaluation = services.evaluation;
    jest
      .spyOn(evaluation, 'evaluateLockedIfNeeded')
      .mockImplementation(
        async (tx, businessId, customers, now, settings, _snapshot, scores, writeScores, options) => {
          await writeScores(scores);
          return evaluation.evaluateLocked(tx, businessId, customers, now, settings, options);
        },
      );
    try {
      await staleLadderScenario();
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('a first ladder saved (and applied by the sweep) between the snapshot read and the customer lock: the batch still places whoever it qualifies', async () => {
    const a = await business([]);
    const b = await business([]);
    // The ingest handles businesses in id order: `first` (the blocker's) stalls, `later` has no ladder yet.
    const [first, laterBusiness] = a.businessId < b.businessId ? [a, b] : [b, a];
    const later = laterBusiness.businessId;
    await services.ingest.ingest([purchase(first.businessId, 'blocker'), purchase(later, 'cat')]);
    const holder = services.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(
      "SELECT id FROM customers WHERE business_id = $1 AND external_ref = 'blocker' FOR UPDATE",
      [first.businessId],
    );
    const ingest = services.ingest.ingest([purchase(first.businessId, 'blocker'), visit(later, 'cat')]);
    await ingestWaitsOnALock();
    const tiers = new TierRepository(services.dataSource);
    const ids = [randomUUID(), randomUUID()];
    await services.transactions.run(async (tx) => {
      await tiers.lockLadder(tx, later);
      await tiers.saveLadder(
        tx,
        later,
        {
          keep: [],
          create: [
            { ...newTier({ name: 'Regulars', rank: 1 }), id: ids[0] },
            { ...newTier({ name: 'Gold', rank: 2, entryScore: 10.5, retainScore: 9.5 }), id: ids[1] },
          ],
          archiveIds: [],
        },
        new Date(),
      );
    });
    await (
      services.sweep as unknown as { reevaluateLadder(b: string, now: Date): Promise<void> }
    ).reevaluateLadder(later, new Date());
    expect((await tierOf(later, 'cat')).tier_id).toBe(ids[0]);
    await holder.commitTransaction();
    await holder.release();
    await ingest;
    const cat = await tierOf(later, 'cat');
    expect(cat.score).toBeGreaterThanOrEqual(10.5);
    expect(cat.tier_id).toBe(ids[1]);
  });

  it('an ingest-triggered move: history, customer columns (score and tier together) and the event source', async () => {
    const { businessId, tierIds } = await business([
      newTier({ name: 'Regulars', rank: 1 }),
      newTier({ name: 'Gold', rank: 2, entryScore: 3, retainScore: 2, capacity: 1 }),
    ]);
    await services.ingest.ingest([purchase(businessId, 'ann', 100)]);
    const ann = await tierOf(businessId, 'ann');
    expect(ann.tier_id).toBe(tierIds[1]);
    expect(ann.score).toBeGreaterThan(3);
    expect(ann.score_state).not.toBeNull();
    expect(ann.last_interaction_at).not.toBeNull();
    // bob qualifies for a full tier: waitlisted (a state change) with his score in the same statement.
    await services.ingest.ingest([purchase(businessId, 'bob', 100)]);
    const bob = await tierOf(businessId, 'bob');
    expect(bob.tier_id).toBe(tierIds[0]);
    expect(bob.waitlisted_for_tier_id).toBe(tierIds[1]);
    expect(bob.score).toBeGreaterThan(3);
    const [hist] = await services.dataSource.query(
      `SELECT h.score, h.to_tier_id FROM tier_changes h JOIN customers c ON c.id = h.customer_id
        WHERE c.business_id = $1 AND c.external_ref = 'ann'`,
      [businessId],
    );
    expect(hist.score).toBeCloseTo(ann.score, 3);
    const events = await services.dataSource.query(
      `SELECT payload FROM outbox WHERE payload->>'type' LIKE '%tier%' AND payload::text LIKE '%' || $1 || '%'`,
      [businessId],
    );
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) expect(e.payload.source).toBe('/inner-circle/worker');
  });
});
