import { randomUUID } from 'node:crypto';
import {
  BusinessRepository,
  MEMBERS_OF_T,
  type NewTier,
  TierRepository,
  type Transaction,
} from '@inner-circle/persistence';
import fc from 'fast-check';
import { newTier } from './new-tier';
import { purchase } from './purchase-event';
import { startWorkerServices, type WorkerServices } from './worker-services';

/** Regulars (rank 1) from 1 point, the Inner Circle (rank 2) from 3. */
const tier = (name: string, rank: number, overrides: Partial<NewTier> = {}): NewTier =>
  newTier({ name, rank, ...(rank === 1 ? {} : { entryScore: 3, retainScore: 2 }), ...overrides });

describe('the ingest: statements per batch and tier locks only when a tier may change (real PostgreSQL)', () => {
  let services: WorkerServices;

  beforeAll(async () => {
    services = await startWorkerServices();
  });

  afterAll(() => services.dataSource.destroy());

  afterEach(() => jest.restoreAllMocks());

  async function business(tiers: NewTier[]): Promise<{ businessId: string; tierIds: string[] }> {
    const created = await new BusinessRepository(services.dataSource).create({
      name: `Café ${randomUUID()}`,
    });
    const rows = await new TierRepository(services.dataSource).createMany(created.id, tiers);
    return { businessId: created.id, tierIds: rows.map((row) => row.id) };
  }

  /** Records the SQL of every transaction the ingest runs from now on (BEGIN and COMMIT aside). */
  function recordStatements(): string[] {
    const statements: string[] = [];
    const run = services.transactions.run.bind(services.transactions);
    jest
      .spyOn(services.transactions, 'run')
      .mockImplementation((work: (tx: Transaction) => Promise<unknown>) =>
        run((tx) => {
          const query = tx.query.bind(tx);
          jest.spyOn(tx, 'query').mockImplementation((...args: Parameters<typeof tx.query>) => {
            statements.push(String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 60));
            return query(...args);
          });
          return work(tx);
        }),
      );
    return statements;
  }

  const locksSkipped = async () => (await services.metrics.tierLocksSkipped.get()).values[0]?.value ?? 0;

  it('scores a batch that moves nobody in four statements, without locking the tier rows', async () => {
    const { businessId, tierIds } = await business([
      tier('Regulars', 1),
      tier('Inner Circle', 2, { capacity: 50 }),
    ]);
    const refs = ['ann', 'bob', 'cid', 'dee', 'eve'];
    await services.ingest.ingest(refs.map((ref) => purchase(businessId, ref)));
    const tiersBefore = await services.dataSource.query(
      'SELECT id, member_count FROM tiers WHERE business_id = $1 ORDER BY id',
      [businessId],
    );
    const skippedBefore = await locksSkipped();
    const lockLadder = jest.spyOn(TierRepository.prototype, 'lockLadderSeats');
    const lockNarrow = jest.spyOn(TierRepository.prototype, 'lockLadderSeatsNarrow');
    const statements = recordStatements();

    // Members of the top tier buy again: their scores rise, nobody's tier can change.
    const outcome = await services.ingest.ingest(refs.map((ref) => purchase(businessId, ref, 20)));

    expect(outcome).toMatchObject({ applied: 5, duplicates: 0, outboxEvents: 0 });
    // Settings + ladder + queues; customers created or locked + interactions recorded; the ladder
    // version once they are locked (a ladder saved since the first read is decided under the locks);
    // scores.
    expect(statements).toHaveLength(4);
    expect(lockLadder).not.toHaveBeenCalled();
    expect(lockNarrow).not.toHaveBeenCalled();
    expect(await locksSkipped()).toBe(skippedBefore + 1);
    const members = await services.dataSource.query(
      'SELECT count(*)::int AS n FROM customers WHERE business_id = $1 AND tier_id = $2',
      [businessId, tierIds[1]],
    );
    expect(members[0].n).toBe(5);
    expect(
      await services.dataSource.query(
        'SELECT id, member_count FROM tiers WHERE business_id = $1 ORDER BY id',
        [businessId],
      ),
    ).toEqual(tiersBefore);
  });

  it('moves a batch of newcomers in seven statements, under the tier locks', async () => {
    const { businessId, tierIds } = await business([
      tier('Regulars', 1),
      tier('Inner Circle', 2, { capacity: 50 }),
    ]);
    // Narrow: the Inner Circle (capped, read by the plan) FOR UPDATE, Regulars FOR SHARE.
    const lockLadder = jest.spyOn(TierRepository.prototype, 'lockLadderSeatsNarrow');
    const statements = recordStatements();

    const outcome = await services.ingest.ingest(
      ['fay', 'gus', 'hal'].map((ref) => purchase(businessId, ref)),
    );

    expect(outcome).toMatchObject({ applied: 3, outboxEvents: 3 });
    // Settings + ladder + queues; customers + interactions; lock the tier rows; ladder and queues
    // read under the lock; seats with the customers' scores and tiers; history; the events (the
    // one outbox writer).
    expect(statements).toHaveLength(7);
    expect(lockLadder).toHaveBeenCalledTimes(1);
    const [inner] = await services.dataSource.query('SELECT member_count FROM tiers WHERE id = $1', [
      tierIds[1],
    ]);
    expect(inner.member_count).toBe(3);
  });

  it('writes the scores of those who stay in the decision statement too: still seven statements', async () => {
    const { businessId } = await business([tier('Regulars', 1), tier('Inner Circle', 2, { capacity: 50 })]);
    // Two customers already seated, then a batch where they stay and two newcomers move.
    await services.ingest.ingest(['kim', 'lou'].map((ref) => purchase(businessId, ref)));
    const states = () =>
      services.dataSource.query(
        `SELECT external_ref, score_state FROM customers
          WHERE business_id = $1 AND external_ref IN ('kim', 'lou') ORDER BY external_ref`,
        [businessId],
      );
    const before: { score_state: unknown }[] = await states();
    const statements = recordStatements();

    const outcome = await services.ingest.ingest(
      ['kim', 'lou', 'max', 'ned'].map((ref) => purchase(businessId, ref)),
    );

    expect(outcome).toMatchObject({ applied: 4, outboxEvents: 2 });
    expect(statements).toHaveLength(7);
    // The stayers' second purchase is in their stored state.
    const after: { score_state: unknown }[] = await states();
    expect(after).toHaveLength(2);
    after.forEach((row, i) => expect(row.score_state).not.toEqual(before[i].score_state));
  });

  it('counts an interaction sent twice in one batch and again in the next once only', async () => {
    const { businessId } = await business([tier('Regulars', 1)]);
    const event = purchase(businessId, 'ivy');

    const first = await services.ingest.ingest([event, event, purchase(businessId, 'jon')]);
    const again = await services.ingest.ingest([event]);

    expect(first).toMatchObject({ applied: 2, duplicates: 1 });
    expect(again).toMatchObject({ applied: 0, duplicates: 1 });
    const [row] = await services.dataSource.query(
      `SELECT count(*)::int AS n FROM interactions i JOIN customers c ON c.id = i.customer_id
        WHERE c.business_id = $1 AND c.external_ref = 'ivy'`,
      [businessId],
    );
    expect(row.n).toBe(1);
  });

  it('two batches creating the same new customers at once: one creates them, the other finds them and counts its own interactions', async () => {
    const { businessId } = await business([tier('Regulars', 1)]);
    const refs = Array.from({ length: 8 }, (_, i) => `twin-${i}`);

    // The second statement waits on the first one's new rows, then cannot see them in its own
    // snapshot: it must run again for those refs, not lose their interactions.
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => services.ingest.ingest(refs.map((ref) => purchase(businessId, ref)))),
    );

    expect(outcomes.map((outcome) => outcome.applied)).toEqual([8, 8, 8, 8]);
    const rows: { external_ref: string; interactions: number }[] = await services.dataSource.query(
      `SELECT c.external_ref, count(i.id)::int AS interactions
         FROM customers c LEFT JOIN interactions i ON i.customer_id = c.id
        WHERE c.business_id = $1 GROUP BY c.external_ref ORDER BY c.external_ref`,
      [businessId],
    );
    expect(rows).toEqual(refs.map((ref) => ({ external_ref: ref, interactions: 4 })));
  });

  it('concurrent batches, with and without tier moves, never pass a capacity or a quota and keep seat counts exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          capacity: fc.integer({ min: 1, max: 4 }),
          quota: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          members: fc.integer({ min: 0, max: 4 }),
          // Each batch: how many newcomers qualify in it (0: members' purchases alone, no move possible).
          batches: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 6 }),
        }),
        async ({ capacity, quota, members, batches }) => {
          const { businessId, tierIds } = await business([
            tier('Regulars', 1),
            tier('Inner Circle', 2, {
              capacity: capacity + members,
              quotaLimit: quota === null ? null : quota + members,
              quotaPeriod: quota === null ? null : 'MONTH',
            }),
          ]);
          const [, inner] = tierIds;
          const memberRefs = Array.from({ length: members }, (_, i) => `member-${i}`);
          if (memberRefs.length)
            await services.ingest.ingest(memberRefs.map((ref) => purchase(businessId, ref)));

          await Promise.all(
            batches.map((newcomers, b) =>
              services.ingest.ingest([
                ...memberRefs.map((ref) => purchase(businessId, ref, 20)),
                ...Array.from({ length: newcomers }, (_, i) => purchase(businessId, `new-${b}-${i}`)),
              ]),
            ),
          );

          // Members as every reader sees them: member_count plus the appended seat changes.
          const seats: { id: string; tier_members: number; capacity: number | null; held: number }[] =
            await services.dataSource.query(
              `SELECT t.id, ${MEMBERS_OF_T}, t.capacity,
                      (SELECT count(*)::int FROM customers c WHERE c.tier_id = t.id) AS held
                 FROM tiers t WHERE t.business_id = $1`,
              [businessId],
            );
          for (const seat of seats) {
            expect(seat.tier_members).toBe(seat.held);
            if (seat.capacity !== null) expect(seat.held).toBeLessThanOrEqual(seat.capacity);
          }
          const [{ admitted }] = await services.dataSource.query(
            'SELECT coalesce(sum(admitted), 0)::int AS admitted FROM tier_admissions WHERE tier_id = $1',
            [inner],
          );
          if (quota !== null) expect(admitted).toBeLessThanOrEqual(quota + members);
          // Everyone who qualified holds the Inner Circle or waits for it: no decision was lost.
          const [{ undecided }] = await services.dataSource.query(
            `SELECT count(*)::int AS undecided FROM customers
              WHERE business_id = $1 AND tier_id IS DISTINCT FROM $2 AND waitlisted_for_tier_id IS DISTINCT FROM $2`,
            [businessId, inner],
          );
          expect(undecided).toBe(0);
        },
      ),
      { numRuns: 8 },
    );
  });
});
