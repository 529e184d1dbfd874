import { randomUUID } from 'node:crypto';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';
import { Period, periodKey } from '@inner-circle/domain';
import { ManualClock } from '@inner-circle/nest-runtime/testing';
import { BusinessRepository, TierRepository } from '@inner-circle/persistence';
import type { DataSource } from 'typeorm';
import { InteractionIngestService } from '../src/interactions/interaction-ingest.service';
import { TierSweepService } from '../src/scheduler/tier-sweep.service';
import { newTier } from './new-tier';
import { startWorkerServices } from './worker-services';

const DAY = 86_400_000;

/** n referrals this week (8 points each). */
const referrals = (
  businessId: string,
  ref: string,
  count: number,
  at: Date,
): InteractionRecordedV1Payload[] =>
  Array.from(
    { length: count },
    (_, i) =>
      ({
        businessId,
        customerRef: ref,
        interaction: {
          id: `ref-${randomUUID()}`,
          type: 'REFERRAL',
          occurredAt: new Date(at.getTime() - i * 60_000).toISOString(),
          referredCustomerRef: `friend-${i}`,
        },
      }) as InteractionRecordedV1Payload,
  );

describe('admission to a tier with a quota, on a real PostgreSQL', () => {
  let dataSource: DataSource;
  let ingest: InteractionIngestService;
  let sweep: TierSweepService;
  /** Next week comes by moving this clock, not by waiting for it. */
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    ({ dataSource, ingest, sweep } = await startWorkerServices(clock));
  });

  beforeEach(() => clock.set(new Date()));

  afterAll(() => dataSource.destroy());

  async function business(mode: 'CONTINUOUS' | 'ROUNDS'): Promise<{ businessId: string; tierId: string }> {
    const { id } = await new BusinessRepository(dataSource).create({ name: `Café ${randomUUID()}` });
    const [tier] = await new TierRepository(dataSource).createMany(id, [
      newTier({
        name: 'Inner Circle',
        entryScore: 9,
        retainScore: 5,
        capacity: 50,
        quotaLimit: 3,
        quotaPeriod: 'WEEK',
        admissionMode: mode,
      }),
    ]);
    return { businessId: id, tierId: tier.id };
  }

  /** 30 qualifiers with distinct scores (a referral and a purchase of 1 to 30), in a shuffled order. */
  function qualifiers(
    businessId: string,
    at: Date,
  ): { ref: string; events: InteractionRecordedV1Payload[] }[] {
    return Array.from({ length: 30 }, (_, i) => {
      const n = (i * 7) % 30;
      const ref = `q${String(n).padStart(2, '0')}`;
      const purchase = {
        businessId,
        customerRef: ref,
        interaction: {
          id: `p-${randomUUID()}`,
          type: 'PURCHASE',
          occurredAt: at.toISOString(),
          amount: n + 1,
          currency: 'EUR',
        },
      } as InteractionRecordedV1Payload;
      return { ref, events: [...referrals(businessId, ref, 1, at), purchase] };
    });
  }

  const membersOf = async (tierId: string): Promise<string[]> =>
    (
      await dataSource.query('SELECT external_ref FROM customers WHERE tier_id = $1 ORDER BY external_ref', [
        tierId,
      ])
    ).map((row: { external_ref: string }) => row.external_ref);

  const bestByScore = async (businessId: string, count: number): Promise<string[]> =>
    (
      await dataSource.query(
        'SELECT external_ref FROM customers WHERE business_id = $1 ORDER BY score_key DESC LIMIT $2',
        [businessId, count],
      )
    )
      .map((row: { external_ref: string }) => row.external_ref)
      .sort();

  it('CONTINUOUS: qualifiers decided in one batch take the quota in score order', async () => {
    const { businessId, tierId } = await business('CONTINUOUS');
    await ingest.ingest(qualifiers(businessId, clock.now()).flatMap((q) => q.events));
    expect(await membersOf(tierId)).toEqual(await bestByScore(businessId, 3));
  });

  it('ROUNDS: an import over a week waits; when the next week opens, the best of the waitlist take the quota', async () => {
    const { businessId, tierId } = await business('ROUNDS');
    const now = clock.now();
    // This week's round was held (earlier this week); the import then arrives in ten batches.
    await dataSource.query('UPDATE tiers SET round_held_for = $2 WHERE id = $1', [
      tierId,
      periodKey(now, Period.WEEK, 'UTC'),
    ]);
    const all = qualifiers(businessId, now);
    for (let i = 0; i < all.length; i += 3) await ingest.ingest(all.slice(i, i + 3).flatMap((q) => q.events));
    expect(await membersOf(tierId)).toEqual([]);
    const [{ count }] = await dataSource.query(
      'SELECT count(*)::int AS count FROM customers WHERE waitlisted_for_tier_id = $1',
      [tierId],
    );
    expect(count).toBe(30);

    // The sweep of the next week holds its round.
    clock.advance(7 * DAY);
    await sweep.sweepOnce();
    expect(await membersOf(tierId)).toEqual(await bestByScore(businessId, 3));
    // Held once: a second sweep that week admits nobody else.
    clock.advance(60_000);
    await sweep.sweepOnce();
    expect(await membersOf(tierId)).toHaveLength(3);
  });

  it('ROUNDS: a round whose queue is busy in another transaction is not spent; the next sweep holds it', async () => {
    const { businessId, tierId } = await business('ROUNDS');
    const now = clock.now();
    await dataSource.query('UPDATE tiers SET round_held_for = $2 WHERE id = $1', [
      tierId,
      periodKey(now, Period.WEEK, 'UTC'),
    ]);
    for (const q of qualifiers(businessId, now).slice(0, 6)) await ingest.ingest(q.events);
    const [best] = await dataSource.query(
      `SELECT id FROM customers WHERE business_id = $1 AND waitlisted_for_tier_id = $2
        ORDER BY score_key DESC LIMIT 1`,
      [businessId, tierId],
    );

    // The head of the queue is held by another transaction while the next week's sweep runs.
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [best.id]);
      clock.advance(7 * DAY);
      await sweep.sweepOnce();
      expect(await membersOf(tierId)).toEqual([]);
      const [tier] = await dataSource.query('SELECT round_held_for FROM tiers WHERE id = $1', [tierId]);
      expect(tier.round_held_for).toBe(periodKey(now, Period.WEEK, 'UTC'));
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }

    clock.advance(60_000);
    await sweep.sweepOnce();
    expect(await membersOf(tierId)).toEqual(await bestByScore(businessId, 3));
  });
});
