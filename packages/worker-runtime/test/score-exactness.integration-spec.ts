import { randomUUID } from 'node:crypto';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';
import {
  computeScore,
  type Interaction,
  resolveScoringSettings,
  scoreAt,
  type ScoreState,
} from '@inner-circle/domain';
import {
  BusinessRepository,
  CustomerActivityRepository,
  CustomerDirectoryRepository,
  TierRepository,
  toDomainInteraction,
} from '@inner-circle/persistence';
import { ManualClock } from '@inner-circle/nest-runtime/testing';
import type { DataSource } from 'typeorm';
import { InteractionIngestService } from '../src/interactions/interaction-ingest.service';
import { WorkerMetrics } from '../src/metrics/worker-metrics';
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

describe('scores stay exact on a real PostgreSQL', () => {
  let dataSource: DataSource;
  let metrics: WorkerMetrics;
  let ingest: InteractionIngestService;
  let sweep: TierSweepService;
  let activity: CustomerActivityRepository;
  /** The services' now: each test reads it once, so the sweep and the checks agree to the millisecond. */
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    ({ dataSource, metrics, ingest, sweep, activity } = await startWorkerServices(clock));
  });

  beforeEach(() => clock.set(new Date()));

  afterAll(() => dataSource.destroy());

  const newBusiness = async (): Promise<string> =>
    (await new BusinessRepository(dataSource).create({ name: `Café ${randomUUID()}` })).id;

  async function stored(businessId: string, ref: string): Promise<{ id: string; state: ScoreState }> {
    const [row]: { id: string; score_state: ScoreState }[] = await dataSource.query(
      'SELECT id, score_state FROM customers WHERE business_id = $1 AND external_ref = $2',
      [businessId, ref],
    );
    return { id: row.id, state: row.score_state };
  }

  async function fromScratch(businessId: string, customerId: string, now: Date): Promise<number> {
    const history: Interaction[] = (await activity.allInteractions(businessId, [customerId])).map(
      toDomainInteraction,
    );
    return computeScore(history, resolveScoringSettings(null, 'UTC'), now);
  }

  it('stays exact for a backfill of 150 visits dated 20–49 days ago after one visit today', async () => {
    const businessId = await newBusiness();
    const now = clock.now();
    await ingest.ingest([visit(businessId, 'ann', now)]);
    // 150 visits dated 20–49 days ago, 5 a day, arriving late in three batches.
    const late = Array.from({ length: 150 }, (_, i) =>
      visit(businessId, 'ann', new Date(now.getTime() - (20 + Math.floor(i / 5)) * DAY - i * 1000)),
    );
    for (let i = 0; i < late.length; i += 50) await ingest.ingest(late.slice(i, i + 50));

    const { id, state } = await stored(businessId, 'ann');
    const settings = resolveScoringSettings(null, 'UTC');
    const expected = await fromScratch(businessId, id, now);
    expect(scoreAt(state, now, settings)).toBeCloseTo(expected, 9);
    // Five visits a day count three a week: the backfill cannot inflate the score (115.85 before).
    expect(expected).toBeLessThan(40);
  });

  it('recomputes from history an event for a week the state has already dropped', async () => {
    const businessId = await newBusiness();
    const now = clock.now();
    const recomputed = async () => (await metrics.scoreRecomputes.get()).values[0]?.value ?? 0;
    // A visit 100 days ago, then today: the state keeps 8 weeks and drops the old week's detail.
    await ingest.ingest([visit(businessId, 'bob', new Date(now.getTime() - 100 * DAY))]);
    await ingest.ingest([visit(businessId, 'bob', now)]);
    const before = await recomputed();
    // Three more visits in that old week arrive late: the weekly cap must see all four.
    await ingest.ingest(
      [1, 2, 3].map((h) => visit(businessId, 'bob', new Date(now.getTime() - 100 * DAY + h * 60_000))),
    );
    expect(await recomputed()).toBe(before + 1);
    const { id, state } = await stored(businessId, 'bob');
    expect(scoreAt(state, now, resolveScoringSettings(null, 'UTC'))).toBeCloseTo(
      await fromScratch(businessId, id, now),
      9,
    );
  });

  it('recomputes every stored score of an older model at deploy, resumable through the sweep', async () => {
    const businessId = await newBusiness();
    const now = clock.now();
    await new TierRepository(dataSource).createMany(businessId, [
      newTier({ name: 'Regulars', rank: 1, entryScore: 2.5, retainScore: 2 }),
    ]);
    const refs = ['a', 'b', 'c'];
    for (const ref of refs) await ingest.ingest([visit(businessId, ref, new Date(now.getTime() - DAY))]);
    // As the migration leaves them: first-model states, scores not yet recomputed.
    await dataSource.query(
      `UPDATE customers SET score_state = '{"version":1,"points":99,"asOf":0,"buckets":[]}', score = 99,
              score_key = '-Infinity', tier_id = NULL WHERE business_id = $1`,
      [businessId],
    );
    await dataSource.query('UPDATE tiers SET member_count = 0 WHERE business_id = $1', [businessId]);
    await dataSource.query('UPDATE businesses SET scores_recomputed_version = 1 WHERE id = $1', [businessId]);

    await sweep.sweepOnce();

    const [business]: { scores_recomputed_version: number; score_recompute_cursor: string | null }[] =
      await dataSource.query(
        'SELECT scores_recomputed_version, score_recompute_cursor FROM businesses WHERE id = $1',
        [businessId],
      );
    expect(business).toEqual({ scores_recomputed_version: 2, score_recompute_cursor: null });
    for (const ref of refs) {
      const { id, state } = await stored(businessId, ref);
      expect(state.version).toBe(2);
      expect(scoreAt(state, now, resolveScoringSettings(null, 'UTC'))).toBeCloseTo(
        await fromScratch(businessId, id, now),
        9,
      );
    }
    // The recomputed scores (1 visit + the return bonus, under 8 days of decay: > 2.8) were placed
    // on the ladder as usual.
    const placed: { count: string }[] = await dataSource.query(
      'SELECT count(*) FROM customers WHERE business_id = $1 AND tier_id IS NOT NULL',
      [businessId],
    );
    expect(Number(placed[0].count)).toBe(3);
  });

  it('ranks a stale high scorer below a fresh lower one, as of now', async () => {
    const businessId = await newBusiness();
    const now = clock.now();
    const yearAgo = new Date(now.getTime() - 365 * DAY);
    // Stale: weekly visits a year ago (a high score then). Fresh: two visits this week.
    const stale = Array.from({ length: 12 }, (_, w) =>
      visit(businessId, 'stale', new Date(yearAgo.getTime() - w * 7 * DAY)),
    );
    await ingest.ingest(stale);
    await ingest.ingest([
      visit(businessId, 'fresh', now),
      visit(businessId, 'fresh', new Date(now.getTime() - 1000)),
    ]);

    const page = await new CustomerDirectoryRepository(dataSource).list(businessId, {
      filter: {},
      sort: { field: 'SCORE', direction: 'DESC' },
      limit: 10,
    });
    expect(page.map((row) => row.record.externalRef)).toEqual(['fresh', 'stale']);
    // While the stored value at the last interaction says the opposite.
    const [staleRow, freshRow] = [page[1].record, page[0].record];
    expect(staleRow.score).toBeGreaterThan(freshRow.score);
  });
});
