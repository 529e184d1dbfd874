import { waitFor } from '@inner-circle/dev-services/wait-for';
import {
  defaultScoringSettings,
  initialScoreState,
  type ScoreState,
  scoreRankKey,
} from '@inner-circle/domain';
import { ManualClock } from '@inner-circle/nest-runtime/testing';
import { TierSweepService } from '@inner-circle/worker-runtime';
import { DataSource } from 'typeorm';
import type { SetTierLadderInput } from '../src/tiers/dto/set-tier-ladder.input';
import { TiersService } from '../src/tiers/tiers.service';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const SET_LADDER = `mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version tiers { id name } } }`;
const CUSTOMERS = 1_200;

interface Placement {
  id: string;
  tier_id: string | null;
  waitlisted_for_tier_id: string | null;
}

/**
 * The what-if is the real thing: the prediction for a ladder change, customer by customer, is
 * exactly what the sweep then does when the ladder is set (issue 10).
 */
describe('ladder what-if on real PostgreSQL', () => {
  let api: ApiTestApp;
  let db: DataSource;
  /** The api's and its embedded worker's clock: the what-if and the sweep decide as of the same instant. */
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    // The embedded worker hosts the sweep; its own timer may run too (it takes the same lock).
    api = await startApiTestApp({}, { clock });
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function setLadder(key: string, input: unknown): Promise<{ id: string; name: string }[]> {
    const response = await api.graphql<{ setTierLadder: { tiers: { id: string; name: string }[] } }>(
      SET_LADDER,
      {
        key,
        variables: { input },
      },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.setTierLadder.tiers;
  }

  /** Runs the sweep until the newest ladder reached every customer and the queues were served. */
  async function applyLadder(businessId: string): Promise<void> {
    const sweep = api.app.get(TierSweepService);
    await waitFor(async () => {
      await sweep.sweepOnce();
      const [row] = await db.query(
        'SELECT ladder_version = evaluated_ladder_version AS done FROM businesses WHERE id = $1',
        [businessId],
      );
      return row.done ? true : undefined;
    }, 'the ladder to reach every customer');
  }

  async function placements(businessId: string): Promise<Map<string, Placement>> {
    const rows = await db.query<Placement[]>(
      'SELECT id, tier_id, waitlisted_for_tier_id FROM customers WHERE business_id = $1',
      [businessId],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  it('predicts, for 1,200 customers, exactly where the sweep then puts each of them', async () => {
    const { businessId, key } = await api.createBusiness('What-if café');
    const now = clock.now();
    // Scores spread over 2–102, a little off every threshold, as of an hour ago.
    const scores = Array.from({ length: CUSTOMERS }, (_, i) => 2.05 + ((i * 7919) % 1000) / 10);
    const states = scores.map((points): ScoreState => ({
      ...initialScoreState(),
      points,
      asOf: now.getTime() - 3_600_000,
    }));
    await db.query(
      `INSERT INTO customers (business_id, external_ref, score, score_state, score_key)
       SELECT $1, v.ref, v.score, v.state, v.score_key
         FROM unnest($2::text[], $3::float8[], $4::jsonb[], $5::float8[]) AS v(ref, score, state, score_key)`,
      [
        businessId,
        scores.map((_, i) => `c${i}`),
        scores,
        states.map((state) => JSON.stringify(state)),
        states.map((state) => scoreRankKey(state, defaultScoringSettings)),
      ],
    );

    const before = {
      timeZone: 'UTC',
      tiers: [
        { name: 'Regulars', rank: 1, entryScore: 10, retainScore: 6, graceDays: 0 },
        { name: 'Friends', rank: 2, entryScore: 30, retainScore: 22, graceDays: 0, capacity: 300 },
        {
          name: 'Inner Circle',
          rank: 3,
          entryScore: 70,
          retainScore: 55,
          graceDays: 0,
          capacity: 60,
          admissionQuota: { limit: 40, period: 'WEEK' },
        },
      ],
    };
    const tiers = await setLadder(key, before);
    await applyLadder(businessId);

    // Tighter at the top, looser in the middle, a higher floor: moves in every direction, queues too.
    const after = {
      timeZone: 'UTC',
      tiers: [
        { ...before.tiers[0], id: tiers[0].id, entryScore: 15, retainScore: 12 },
        { ...before.tiers[1], id: tiers[1].id, capacity: 420, entryScore: 35, retainScore: 25 },
        { ...before.tiers[2], id: tiers[2].id, capacity: 45, entryScore: 75, retainScore: 60 },
      ],
    } as unknown as SetTierLadderInput;
    const settled = await placements(businessId);
    const { simulation } = await api.app
      .get(TiersService)
      .whatIf(businessId, after, { ...defaultScoringSettings, timeZone: 'UTC' });
    await setLadder(key, after);
    await applyLadder(businessId);

    const applied = await placements(businessId);
    expect(applied.size).toBe(CUSTOMERS);
    let moved = 0;
    for (const [id, row] of applied) {
      const predicted = simulation.outcomes.get(id) ?? {
        tierId: settled.get(id)!.tier_id,
        waitlistedForTierId: settled.get(id)!.waitlisted_for_tier_id,
      };
      expect({ id, tierId: row.tier_id, waitlistedForTierId: row.waitlisted_for_tier_id }).toEqual({
        id,
        ...predicted,
      });
      if (row.tier_id !== settled.get(id)!.tier_id) moved += 1;
    }
    // The change really moved people, so the comparison means something.
    expect(moved).toBeGreaterThan(100);
    expect(simulation.downgradedCount).toBeGreaterThan(0);
    expect(simulation.upgradedCount).toBeGreaterThan(0);
  });
});
