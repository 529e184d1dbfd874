import { waitFor } from '@inner-circle/dev-services/wait-for';
import { randomUUID } from 'node:crypto';
import { parseEvent, TIER_CHANGED_V1, TIER_DOWNGRADE_WARNING_V1, Topics } from '@inner-circle/contracts';
import {
  defaultScoringSettings,
  initialScoreState,
  type ScoreState,
  scoreRankKey,
} from '@inner-circle/domain';
import {
  BusinessRepository,
  type NewTier,
  TierMoveCheckError,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import type { DataSource } from 'typeorm';
import { InteractionIngestService } from '../src/interactions/interaction-ingest.service';
import { WorkerMetrics } from '../src/metrics/worker-metrics';
import { TierSweepService } from '../src/scheduler/tier-sweep.service';
import { TierEvaluationService, WORKER_EVENT_SOURCE } from '../src/tiers/tier-evaluation.service';
import { newTier } from './new-tier';
import { purchase } from './purchase-event';
import { startWorkerServices } from './worker-services';

/** Regulars (rank 1) from 1 point, the Inner Circle (rank 2) from 3. */
const tier = (name: string, rank: number, overrides: Partial<NewTier> = {}): NewTier =>
  newTier({ name, rank, ...(rank === 1 ? {} : { entryScore: 3, retainScore: 2 }), ...overrides });

describe('tier evaluation of a batch, on a real PostgreSQL', () => {
  let dataSource: DataSource;
  let metrics: WorkerMetrics;
  let evaluation: TierEvaluationService;
  let ingest: InteractionIngestService;
  let transactions: TransactionRunner;
  let sweep: TierSweepService;

  beforeAll(async () => {
    ({ dataSource, metrics, evaluation, ingest, transactions, sweep } = await startWorkerServices());
  });

  afterAll(() => dataSource.destroy());

  afterEach(() => jest.restoreAllMocks());

  async function business(tiers: NewTier[]): Promise<{ businessId: string; tierIds: string[] }> {
    const created = await new BusinessRepository(dataSource).create({ name: `Café ${randomUUID()}` });
    const rows = await new TierRepository(dataSource).createMany(created.id, tiers);
    return { businessId: created.id, tierIds: rows.map((row) => row.id) };
  }

  const tierOf = async (businessId: string, externalRef: string) =>
    (
      await dataSource.query(
        'SELECT tier_id, waitlisted_for_tier_id FROM customers WHERE business_id = $1 AND external_ref = $2',
        [businessId, externalRef],
      )
    )[0];

  it('admits in the same pass a customer who was waitlisted earlier in the batch when a seat frees up', async () => {
    const { businessId, tierIds } = await business([
      tier('Regulars', 1),
      tier('Inner Circle', 2, { capacity: 1 }),
    ]);
    const [, inner] = tierIds;
    // Decided in id order: the newcomer first (seated in Regulars and waitlisted for the full Inner
    // Circle), then the member whose grace ran out, which frees the seat.
    const newcomer = '00000000-0000-4000-8000-000000000001';
    const member = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    const state = (points: number): ScoreState => ({
      ...initialScoreState(),
      points,
      asOf: Date.now(),
    });
    const key = (points: number) => scoreRankKey(state(points), defaultScoringSettings);
    await dataSource.query(
      `INSERT INTO customers (id, business_id, external_ref, score, score_state, score_key, tier_id, tier_since, grace_until)
       VALUES ($1, $3, 'newcomer', 50, $4, $7, NULL, NULL, NULL),
              ($2, $3, 'member', 0, $5, $8, $6, now() - interval '30 days', now() - interval '1 day')`,
      [
        newcomer,
        member,
        businessId,
        JSON.stringify(state(50)),
        JSON.stringify(state(0)),
        inner,
        key(50),
        key(0),
      ],
    );
    await dataSource.query('UPDATE tiers SET member_count = 1 WHERE id = $1', [inner]);

    const events = await transactions.run((tx) =>
      evaluation.evaluate(tx, businessId, [newcomer, member], new Date(), undefined, {
        source: WORKER_EVENT_SOURCE,
      }),
    );

    expect(await tierOf(businessId, 'newcomer')).toEqual({ tier_id: inner, waitlisted_for_tier_id: null });
    expect((await tierOf(businessId, 'member')).tier_id).not.toBe(inner);
    const counts = await dataSource.query('SELECT id, member_count FROM tiers WHERE business_id = $1', [
      businessId,
    ]);
    expect(counts.find((row: { id: string }) => row.id === inner).member_count).toBe(1);
    const reasons: { reason: string }[] = await dataSource.query(
      'SELECT reason FROM tier_changes WHERE customer_id = $1 ORDER BY occurred_at, reason',
      [newcomer],
    );
    expect(reasons.map((r) => r.reason)).toContain('ADMITTED_FROM_WAITLIST');
    expect(events).toBeGreaterThanOrEqual(2);
  });

  it('takes businesses in id order, so batches naming the same businesses in opposite orders never deadlock', async () => {
    const first = await business([tier('Regulars', 1), tier('Inner Circle', 2, { capacity: 50 })]);
    const second = await business([tier('Regulars', 1), tier('Inner Circle', 2, { capacity: 50 })]);
    const rounds = Array.from({ length: 6 }, (_, round) => [
      ingest.ingest([purchase(first.businessId, `a${round}`), purchase(second.businessId, `a${round}`)]),
      ingest.ingest([purchase(second.businessId, `b${round}`), purchase(first.businessId, `b${round}`)]),
    ]).flat();

    const outcomes = await Promise.all(rounds);

    expect(outcomes.reduce((sum, outcome) => sum + outcome.applied, 0)).toBe(24);
    for (const { businessId, tierIds } of [first, second]) {
      const [{ count }] = await dataSource.query(
        'SELECT count(*)::int AS count FROM customers WHERE business_id = $1 AND tier_id = $2',
        [businessId, tierIds[1]],
      );
      expect(count).toBe(12);
    }
  });

  it('moves a customer out of a tier a ladder change archived, naming it in history', async () => {
    const { businessId, tierIds } = await business([tier('Regulars', 1), tier('Inner Circle', 2)]);
    const [regulars, archived] = tierIds;
    const state = { ...initialScoreState(), points: 10, asOf: Date.now() };
    const [{ id }] = await dataSource.query(
      `INSERT INTO customers (business_id, external_ref, score, score_state, score_key, tier_id, tier_since)
       VALUES ($1, 'kept-out', 10, $2, $3, $4, now()) RETURNING id`,
      [businessId, JSON.stringify(state), scoreRankKey(state, defaultScoringSettings), archived],
    );
    await dataSource.query('UPDATE tiers SET member_count = 1, archived_at = now() WHERE id = $1', [
      archived,
    ]);

    await transactions.run((tx) =>
      evaluation.evaluate(tx, businessId, [id], new Date(), undefined, { source: WORKER_EVENT_SOURCE }),
    );

    expect(await tierOf(businessId, 'kept-out')).toEqual({ tier_id: regulars, waitlisted_for_tier_id: null });
    const [history] = await dataSource.query(
      'SELECT id, from_tier_id, to_tier_id, direction, reason FROM tier_changes WHERE customer_id = $1',
      [id],
    );
    // Down from the rank the archived tier had, as the event names it: direction and ranks agree.
    expect(history).toEqual({
      id: expect.any(String),
      from_tier_id: archived,
      to_tier_id: regulars,
      direction: 'DOWN',
      reason: 'TIER_NOT_IN_LADDER',
    });
    const [event] = await dataSource.query('SELECT event_id, payload FROM outbox WHERE event_id = $1', [
      history.id,
    ]);
    expect(event.payload.data).toMatchObject({
      previousTier: { id: archived, name: 'Inner Circle', rank: 2 },
      newTier: { id: regulars, name: 'Regulars', rank: 1 },
      direction: 'DOWN',
    });
    const [seats] = await dataSource.query('SELECT member_count FROM tiers WHERE id = $1', [archived]);
    expect(seats.member_count).toBe(0);
  });

  it('writes a plan’s events in one outbox statement, and none for a plan that moves nobody', async () => {
    const { businessId, tierIds } = await business([tier('Regulars', 1), tier('Inner Circle', 2)]);
    const state = { ...initialScoreState(), points: 10, asOf: Date.now() };
    const [{ id }] = await dataSource.query(
      `INSERT INTO customers (business_id, external_ref, score, score_state, score_key)
       VALUES ($1, 'counted', 10, $2, $3) RETURNING id`,
      [businessId, JSON.stringify(state), scoreRankKey(state, defaultScoringSettings)],
    );
    const statementsOf = (now: Date) =>
      transactions.run(async (tx) => {
        const query = tx.query.bind(tx);
        const sql: string[] = [];
        jest.spyOn(tx, 'query').mockImplementation((...args: Parameters<typeof tx.query>) => {
          sql.push(String(args[0]));
          return query(...args);
        });
        await evaluation.evaluate(tx, businessId, [id], now, undefined, { source: WORKER_EVENT_SOURCE });
        return {
          outbox: sql.filter((s) => s.includes('INSERT INTO outbox')).length,
          history: sql.filter((s) => s.includes('INSERT INTO tier_changes')).length,
        };
      });

    expect(await statementsOf(new Date())).toEqual({ outbox: 1, history: 1 });
    expect(await tierOf(businessId, 'counted')).toEqual({
      tier_id: tierIds[1],
      waitlisted_for_tier_id: null,
    });
    expect(await statementsOf(new Date())).toEqual({ outbox: 0, history: 0 });
  });

  it('never gives an erased customer a tier again', async () => {
    const { businessId } = await business([tier('Regulars', 1), tier('Inner Circle', 2)]);
    await dataSource.query(
      `INSERT INTO customers (business_id, external_ref, erased_at) VALUES ($1, 'gone', now())`,
      [businessId],
    );

    const outcome = await ingest.ingest([purchase(businessId, 'gone')]);

    expect(outcome.applied).toBe(1);
    expect(await tierOf(businessId, 'gone')).toEqual({ tier_id: null, waitlisted_for_tier_id: null });
  });

  it('applies the scores alone, and counts it, when the tier decisions fail their check', async () => {
    const { businessId } = await business([tier('Regulars', 1), tier('Inner Circle', 2)]);
    jest
      .spyOn(TierMoveRepository.prototype, 'applyCheckedMoves')
      .mockRejectedValueOnce(new TierMoveCheckError('stale occupancy'));
    const skippedBefore = (await metrics.tierDecisionsSkipped.get()).values[0]?.value ?? 0;
    const failedBefore = await checkFailures(WORKER_EVENT_SOURCE);

    const outcome = await ingest.ingest([purchase(businessId, 'zoe')]);

    expect(outcome).toMatchObject({ applied: 1, outboxEvents: 0 });
    const [row] = await dataSource.query(
      'SELECT score, tier_id FROM customers WHERE business_id = $1 AND external_ref = $2',
      [businessId, 'zoe'],
    );
    expect(row.score).toBeGreaterThan(3);
    expect(row.tier_id).toBeNull();
    expect((await metrics.tierDecisionsSkipped.get()).values[0].value).toBe(skippedBefore + 1);
    expect(await checkFailures(WORKER_EVENT_SOURCE)).toBe(failedBefore + 1);
  });

  const checkFailures = async (source: string): Promise<number> =>
    (await metrics.tierMoveCheckFailures.get()).values.find((v) => v.labels.source === source)?.value ?? 0;

  interface OutboxRow {
    id: string;
    event_id: string;
    topic: string;
    message_key: string;
    payload: { id: string; source: string; type: string; data: Record<string, unknown> };
  }

  /** The outbox rows of a business's customers, oldest first. */
  const outboxOf = (businessId: string): Promise<OutboxRow[]> =>
    dataSource.query(
      'SELECT id, event_id, topic, message_key, payload FROM outbox WHERE message_key LIKE $1 ORDER BY id',
      [`${businessId}:%`],
    );

  it('writes the events of the ingest and of the sweep with the worker’s source, each with its history row’s id', async () => {
    const { businessId, tierIds } = await business([
      tier('Regulars', 1),
      tier('Inner Circle', 2, { graceDays: 7 }),
    ]);
    const [regulars, inner] = tierIds;

    // Ingest: a purchase lifts a newcomer into the Inner Circle.
    await ingest.ingest([purchase(businessId, 'ines')]);
    const afterIngest = await outboxOf(businessId);
    expect(afterIngest).toHaveLength(1);
    // Sweep: the ladder changes (the Inner Circle now needs 100): the sweep applies it, and grace starts.
    await dataSource.query('UPDATE tiers SET entry_score = 100, retain_score = 90 WHERE id = $1', [inner]);
    await dataSource.query('UPDATE businesses SET ladder_version = ladder_version + 1 WHERE id = $1', [
      businessId,
    ]);
    // Other tests' businesses may be pending too: sweep until this one's turn has come.
    const all = await waitFor(
      async () => {
        await sweep.sweepOnce();
        const rows = await outboxOf(businessId);
        return rows.length > 1 ? rows : undefined;
      },
      'the sweep applying the new ladder',
      60_000,
    );

    expect(all.length).toBeGreaterThan(1);
    for (const row of all) {
      expect(row.payload.source).toBe(WORKER_EVENT_SOURCE);
      expect(row.topic).toBe(Topics.tierChanges);
      expect(row.payload.id).toBe(row.event_id);
    }
    const changes = all.filter((row) => row.payload.type === TIER_CHANGED_V1);
    for (const row of changes) {
      expect(parseEvent(JSON.stringify(row.payload), TIER_CHANGED_V1).ok).toBe(true);
      const [history] = await dataSource.query('SELECT customer_id FROM tier_changes WHERE id = $1', [
        row.event_id,
      ]);
      expect(history).toEqual({ customer_id: row.payload.data.customerId });
    }
    expect(changes[0].payload.data).toMatchObject({
      previousTier: null,
      newTier: { id: inner },
      direction: 'UP',
    });
    const swept = all.slice(1);
    expect(
      swept.some(
        (row) =>
          row.payload.type === TIER_DOWNGRADE_WARNING_V1 ||
          (row.payload.type === TIER_CHANGED_V1 &&
            (row.payload.data.newTier as { id: string }).id === regulars),
      ),
    ).toBe(true);
  });
});
