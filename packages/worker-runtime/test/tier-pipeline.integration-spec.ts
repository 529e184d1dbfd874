import { waitFor } from '@inner-circle/dev-services/wait-for';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@inner-circle/config';
import {
  buildInteractionRecordedV1Event,
  interactionKey,
  type InteractionRecordedV1Payload,
  parseEvent,
  TIER_CHANGED_V1,
  Topics,
} from '@inner-circle/contracts';
import { TierMoveDirection } from '@inner-circle/domain';
import { KafkaTransport } from '@inner-circle/messaging';
import { ManualClock } from '@inner-circle/nest-runtime/testing';
import {
  BusinessRepository,
  type NewTier,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { DataSource } from 'typeorm';
import { TierSweepService } from '../src/scheduler/tier-sweep.service';
import { WorkerMetrics } from '../src/metrics/worker-metrics';
import { WorkerAppModule } from '../src/worker-app.module';
import { newTier } from './new-tier';

const tier = newTier;

describe('tier decisions in the worker, two instances, real Kafka and PostgreSQL', () => {
  const brokers = process.env.TEST_KAFKA_BROKERS!.split(',');
  const group = `tier-workers-${randomUUID()}`;
  const workers: NestFastifyApplication[] = [];
  let producer: KafkaTransport;
  let db: DataSource;
  /** Both instances' clock: a test moves it to a later date instead of waiting for it. */
  const clock = new ManualClock(new Date());

  async function startWorker(): Promise<NestFastifyApplication> {
    const config = loadConfig({
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CONSUMER_GROUP: group,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        WorkerAppModule.forRoot(
          { ...config, database: { ...config.database, url: config.database.url! } },
          { clock },
        ),
      ],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app;
  }

  const purchase = (
    businessId: string,
    customerRef: string,
    amount: string | number,
    at = '2026-11-20T10:00:00Z',
  ) =>
    JSON.stringify(
      buildInteractionRecordedV1Event(
        {
          businessId,
          customerRef,
          interaction: {
            id: `order-${customerRef}`,
            type: 'PURCHASE',
            occurredAt: at,
            amount: Number(amount),
            currency: 'EUR',
          },
        } as InteractionRecordedV1Payload,
        { id: randomUUID(), source: 'test', time: new Date() },
      ),
    );

  async function createBusiness(tiers: NewTier[]): Promise<{ businessId: string; tierIds: string[] }> {
    const app = workers[0];
    const business = await app.get(BusinessRepository).create({ name: `Café ${randomUUID()}` });
    const created = await app.get(TierRepository).createMany(business.id, tiers);
    return { businessId: business.id, tierIds: created.map((t) => t.id) };
  }

  beforeAll(async () => {
    workers.push(await startWorker(), await startWorker());
    db = workers[0].get(DataSource);
    producer = new KafkaTransport({ brokers, clientId: 'tier-pipeline-test' });
    await producer.connect();
  });

  // Until a test moves it, the clock keeps up with the wall clock the events are stamped with.
  beforeEach(() => clock.set(new Date()));

  afterAll(async () => {
    await producer.disconnect();
    for (const worker of workers) await worker.close();
  });

  it('never seats more than capacity: 200 qualifiers, capacity 20 → 20 members, 180 waiting; freed seats go by rank', async () => {
    const { businessId, tierIds } = await createBusiness([tier({ capacity: 20 })]);
    const [innerCircle] = tierIds;
    const refs = Array.from({ length: 200 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    // Distinct amounts give distinct scores, so the ranking is unambiguous.
    await producer.publish(
      Topics.interactions,
      refs.map((ref, i) => ({
        key: interactionKey(businessId, ref),
        value: purchase(businessId, ref, 10 + i * 3),
      })),
    );

    const placed = await waitFor(
      async () => {
        const [row]: { members: number; waiting: number }[] = await db.query(
          `SELECT count(*) FILTER (WHERE tier_id IS NOT NULL)::int AS members,
                count(*) FILTER (WHERE waitlisted_for_tier_id IS NOT NULL)::int AS waiting
           FROM customers WHERE business_id = $1`,
          [businessId],
        );
        return row && row.members + row.waiting === 200 ? row : undefined;
      },
      'every customer placed or waitlisted',
      60_000,
    );
    expect(placed).toEqual({ members: 20, waiting: 180 });
    const [{ member_count }]: { member_count: number }[] = await db.query(
      'SELECT member_count FROM tiers WHERE id = $1',
      [innerCircle],
    );
    expect(member_count).toBe(20);
    // Both instances took part (the group split the partitions between them).
    for (const worker of workers) {
      const consumed = await worker.get(WorkerMetrics).eventsConsumed.get();
      expect(consumed.values.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThan(0);
    }

    // Five members leave; the sweep must admit exactly the five best-ranked waiting customers.
    const waiting: { id: string; score: number; qualified_at: Date }[] = await db.query(
      'SELECT id, score, qualified_at FROM customers WHERE business_id = $1 AND waitlisted_for_tier_id IS NOT NULL',
      [businessId],
    );
    const expected = [...waiting]
      .sort(
        (a, b) =>
          b.score - a.score || a.qualified_at.getTime() - b.qualified_at.getTime() || (a.id < b.id ? -1 : 1),
      )
      .slice(0, 5)
      .map((c) => c.id)
      .sort();
    const leaving: { id: string }[] = await db.query(
      'SELECT id FROM customers WHERE business_id = $1 AND tier_id IS NOT NULL ORDER BY id LIMIT 5',
      [businessId],
    );
    const moves = workers[0].get(TierMoveRepository);
    // Five members leave, written as any plan's moves are (the sweep then serves the queue).
    await workers[0].get(TransactionRunner).run((tx) =>
      moves.applyCheckedMoves(tx, {
        businessId,
        timeZone: 'UTC',
        tiers: new Map(),
        moves: leaving.map(({ id }) => ({
          businessId,
          customerId: id,
          fromTierId: innerCircle,
          toTierId: null,
          direction: TierMoveDirection.DOWN,
          reason: 'LEFT',
          score: 0,
          ladderVersion: 0,
          countsAsAdmission: false,
          ignoreCapacity: true,
          at: new Date(),
        })),
      }),
    );

    const admitted = await waitFor(
      async () => {
        await workers[1].get(TierSweepService).sweepOnce();
        const rows: { customer_id: string }[] = await db.query(
          `SELECT customer_id FROM tier_changes WHERE business_id = $1 AND reason = 'ADMITTED_FROM_WAITLIST'`,
          [businessId],
        );
        return rows.length >= 5 ? rows.map((r) => r.customer_id).sort() : undefined;
      },
      'the waitlist admission',
      60_000,
    );
    expect(admitted).toEqual(expected);
    const [after]: { members: number; waiting: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE tier_id IS NOT NULL)::int AS members,
              count(*) FILTER (WHERE waitlisted_for_tier_id IS NOT NULL)::int AS waiting
         FROM customers WHERE business_id = $1`,
      [businessId],
    );
    expect(after).toEqual({ members: 20, waiting: 175 });
  });

  it('re-evaluates every customer after a ladder change and publishes their tier changes', async () => {
    const { businessId, tierIds } = await createBusiness([tier({ entryScore: 10_000, retainScore: 5_000 })]);
    const refs = ['ann', 'bob', 'cid'];
    await producer.publish(
      Topics.interactions,
      refs.map((ref) => ({ key: interactionKey(businessId, ref), value: purchase(businessId, ref, 50) })),
    );
    await waitFor(
      async () => {
        const [row]: { scored: number }[] = await db.query(
          'SELECT count(*)::int AS scored FROM customers WHERE business_id = $1 AND score > 0',
          [businessId],
        );
        return row?.scored === 3 ? true : undefined;
      },
      'the three customers to be scored, below the entry score',
      60_000,
    );
    const [{ members: before }]: { members: number }[] = await db.query(
      'SELECT count(*)::int AS members FROM customers WHERE business_id = $1 AND tier_id IS NOT NULL',
      [businessId],
    );
    expect(before).toBe(0);

    // The owner lowers the entry score (a new ladder version), as setTierLadder does.
    await db.query('UPDATE tiers SET entry_score = 1, retain_score = 0.5 WHERE id = $1', [tierIds[0]]);
    await db.query(
      'UPDATE businesses SET ladder_version = ladder_version + 1, reevaluation_cursor = NULL WHERE id = $1',
      [businessId],
    );
    await waitFor(
      async () => {
        await workers[0].get(TierSweepService).sweepOnce();
        const [row]: { done: boolean }[] = await db.query(
          'SELECT evaluated_ladder_version = ladder_version AS done FROM businesses WHERE id = $1',
          [businessId],
        );
        return row?.done ? true : undefined;
      },
      'the re-evaluation to complete',
      60_000,
    );
    const changes: { reason: string; ladder_version: number }[] = await db.query(
      'SELECT reason, ladder_version FROM tier_changes WHERE business_id = $1',
      [businessId],
    );
    expect(changes).toHaveLength(3);
    expect(changes.every((c) => c.ladder_version === 1)).toBe(true);

    // And the changes reach the tier-change topic through the outbox relay.
    const seen = new Set<string>();
    const reader = producer.createConsumer({
      groupId: `tier-reader-${randomUUID()}`,
      topics: [Topics.tierChanges],
      fromBeginning: true,
    });
    await reader.run((batch) => {
      for (const message of batch.messages) {
        const parsed = parseEvent(message.value, TIER_CHANGED_V1);
        if (parsed.ok && parsed.event.data.businessId === businessId) seen.add(parsed.event.data.customerRef);
      }
      return Promise.resolve();
    });
    try {
      await waitFor(
        () => Promise.resolve(seen.size === 3 ? true : undefined),
        'three tier-changed events',
        60_000,
      );
    } finally {
      await reader.stop();
    }
    expect([...seen].sort()).toEqual(refs);
  });

  it('starts grace with a downgrade warning when a score fades, then downgrades when grace runs out', async () => {
    const { businessId } = await createBusiness([tier({ name: 'Regulars', graceDays: 7 })]);
    await producer.publish(Topics.interactions, [
      { key: interactionKey(businessId, 'fay'), value: purchase(businessId, 'fay', 50) },
    ]);
    const [fay] = await waitFor(
      async () => {
        const rows: { id: string }[] = await db.query(
          'SELECT id FROM customers WHERE business_id = $1 AND tier_id IS NOT NULL',
          [businessId],
        );
        return rows.length ? rows : undefined;
      },
      'fay to join the tier',
      60_000,
    );

    // Two years without a visit: eight half-lives later the score is far below retain.
    const later = new Date('2028-11-20T10:00:00Z');
    clock.set(later);
    const sweeper = workers[0].get(TierSweepService);
    const graceUntil = await waitFor(
      async () => {
        await sweeper.sweepOnce();
        const [row]: { grace_until: Date | null }[] = await db.query(
          'SELECT grace_until FROM customers WHERE id = $1',
          [fay.id],
        );
        return row?.grace_until ?? undefined;
      },
      'grace to start',
      60_000,
    );
    expect(graceUntil.getTime()).toBe(later.getTime() + 7 * 86_400_000);
    const warnings: { type: string; downgrade_at: string }[] = await db.query(
      `SELECT payload->>'type' AS type, payload->'data'->>'downgradeAt' AS downgrade_at FROM outbox
        WHERE payload->'data'->>'customerId' = $1 AND payload->>'type' LIKE '%downgrade-warning%'`,
      [fay.id],
    );
    expect(warnings).toEqual([
      { type: 'com.innercircle.tier.downgrade-warning.v1', downgrade_at: graceUntil.toISOString() },
    ]);

    clock.set(graceUntil.getTime() + 86_400_000);
    const change = await waitFor(
      async () => {
        await sweeper.sweepOnce();
        const [row]: { direction: string; to_tier_id: string | null }[] = await db.query(
          'SELECT direction, to_tier_id FROM tier_changes WHERE customer_id = $1 AND direction = $2',
          [fay.id, 'DOWN'],
        );
        return row;
      },
      'the downgrade',
      60_000,
    );
    expect(change).toEqual({ direction: 'DOWN', to_tier_id: null });
  });
});
