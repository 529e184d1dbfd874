import { randomUUID } from 'node:crypto';
import { type InteractionRecordedV1Payload, Topics } from '@inner-circle/contracts';
import {
  computeScore,
  type Interaction,
  resolveScoringSettings,
  scoreAt,
  type ScoreState,
  type ScoringSettings,
} from '@inner-circle/domain';
import {
  BusinessRepository,
  CustomerActivityRepository,
  TierRepository,
  toDomainInteraction,
  TransactionRunner,
} from '@inner-circle/persistence';
import { ManualClock } from '@inner-circle/nest-runtime/testing';
import type { DataSource } from 'typeorm';
import { InteractionIngestService } from '../src/interactions/interaction-ingest.service';
import { TierSweepService } from '../src/scheduler/tier-sweep.service';
import { newTier } from './new-tier';
import { startWorkerServices } from './worker-services';

const DAY = 86_400_000;

const visit = (businessId: string, customerRef: string, at: Date): InteractionRecordedV1Payload =>
  ({
    businessId,
    customerRef,
    interaction: { id: `visit-${randomUUID()}`, type: 'VISIT', occurredAt: at.toISOString() },
  }) as InteractionRecordedV1Payload;

describe('a change of scoring settings reaches every stored score through the sweep', () => {
  let dataSource: DataSource;
  let ingest: InteractionIngestService;
  let sweep: TierSweepService;
  let activity: CustomerActivityRepository;
  /** The services' now: each test reads it once, so the sweep and the checks agree to the millisecond. */
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    ({ dataSource, ingest, sweep, activity } = await startWorkerServices(clock));
  });

  beforeEach(() => clock.set(new Date()));

  afterAll(() => dataSource.destroy());

  const newBusiness = async (): Promise<string> =>
    (await new BusinessRepository(dataSource).create({ name: `Café ${randomUUID()}` })).id;

  it('recomputes every score under the new settings and moves tiers as usual, with their events', async () => {
    const businessId = await newBusiness();
    const now = clock.now();
    await new TierRepository(dataSource).createMany(businessId, [
      newTier({ name: 'Regulars', rank: 1, entryScore: 2.5, retainScore: 2 }),
    ]);
    // Two visits a day ago under the defaults: 2 + the return bonus, well above 2.5 (Regulars).
    const refs = ['a', 'b', 'c'];
    for (const ref of refs) {
      const at = new Date(now.getTime() - DAY);
      await ingest.ingest([
        visit(businessId, ref, at),
        visit(businessId, ref, new Date(at.getTime() + 1000)),
      ]);
    }
    const seated: { count: string }[] = await dataSource.query(
      'SELECT count(*) FROM customers WHERE business_id = $1 AND tier_id IS NOT NULL',
      [businessId],
    );
    expect(Number(seated[0].count)).toBe(3);

    // What setScoringSettings writes: visits earn 0.5 and returning nothing. Two visits → 1 < retain 2
    // (at a 90-day half-life, 8 days of decay keep ≥ 94 %).
    const overrides = {
      halfLifeDays: 90,
      weights: { VISIT: 0.5 },
      weeklyCaps: { VISIT: 3 },
      weeklyReturnBonus: 0,
    };
    const businesses = new BusinessRepository(dataSource);
    const version = await new TransactionRunner(dataSource).run(async (tx) => {
      await businesses.lockScoringSettings(tx, businessId);
      return businesses.saveScoringSettings(tx, businessId, overrides);
    });
    expect(version).toBe(3);

    await sweep.sweepOnce();

    const [business]: { scores_recomputed_version: number; score_recompute_cursor: string | null }[] =
      await dataSource.query(
        'SELECT scores_recomputed_version, score_recompute_cursor FROM businesses WHERE id = $1',
        [businessId],
      );
    expect(business).toEqual({ scores_recomputed_version: 3, score_recompute_cursor: null });
    const settings = resolveScoringSettings(overrides as Partial<ScoringSettings>, 'UTC');
    for (const ref of refs) {
      const [row]: { id: string; score_state: ScoreState; tier_id: string | null }[] = await dataSource.query(
        'SELECT id, score_state, tier_id FROM customers WHERE business_id = $1 AND external_ref = $2',
        [businessId, ref],
      );
      const history: Interaction[] = (await activity.allInteractions(businessId, [row.id])).map(
        toDomainInteraction,
      );
      const expected = computeScore(history, settings, now);
      expect(expected).toBeGreaterThan(0.9);
      expect(expected).toBeLessThanOrEqual(1);
      expect(scoreAt(row.score_state, now, settings)).toBeCloseTo(expected, 9);
      // Below retain with no grace: downgraded out of the ladder by the recompute itself.
      expect(row.tier_id).toBeNull();
    }
    const moves: { direction: string; reason: string }[] = await dataSource.query(
      `SELECT direction, reason FROM tier_changes WHERE business_id = $1 AND to_tier_id IS NULL`,
      [businessId],
    );
    expect(moves).toEqual(refs.map(() => ({ direction: 'DOWN', reason: 'NO_GRACE_PERIOD' })));
    const events: { count: string }[] = await dataSource.query(
      `SELECT count(*) FROM outbox WHERE topic = $1 AND strpos(payload::text, $2) > 0`,
      [Topics.tierChanges, businessId],
    );
    // Three upgrades when the visits arrived, three downgrades after the change.
    expect(Number(events[0].count)).toBe(6);
  });
});
