import fc from 'fast-check';
import { customer, DAY, NOW, tier } from '../../test/fixtures.js';
import { Period } from '../growth/period.js';
import { compareWaitlistEntries } from '../growth/rank-waitlist.js';
import { type PlanCustomer, planTierMoves, waitlistHeadRequests } from '../tiers/plan-tier-moves.js';
import {
  AdmissionMode,
  type CustomerTierState,
  type TierLadder,
  type TierOccupancy,
} from '../tiers/tier-ladder.js';
import { LADDER_BATCH_SIZE, LadderWhatIf } from './simulate-ladder.js';

/**
 * What apps/worker does when a ladder is set, step by step: the sweep's ladder pass (customers in
 * id order, LADDER_BATCH_SIZE per transaction), then its grace/waitlist pass (nobody decided).
 * Each evaluation is TierEvaluationService.evaluateLocked: a first plan, the queues it opened
 * (waitlistHeadRequests), each queue's head as the repository returns it (ORDER BY score_key
 * DESC, qualified_at ASC NULLS LAST, id ASC LIMIT limit + batch size, the batch's own customers
 * filtered out, the first `limit` kept), a second plan, and the writes.
 */
function worker(
  ladder: TierLadder,
  occupancy: Record<string, TierOccupancy>,
  population: readonly PlanCustomer[],
): Map<string, CustomerTierState> {
  const db = new Map(population.map((c) => [c.customerId, c.state]));
  let counts = occupancy;
  const evaluate = (ids: string[]): void => {
    const customers = ids.map((customerId) => ({ customerId, state: db.get(customerId)! }));
    const input = { ladder, occupancy: counts, customers, now: NOW };
    let plan = planTierMoves(input);
    const requests = waitlistHeadRequests(ladder, plan);
    if (requests.length) {
      const inBatch = new Set(ids);
      const waitlists: Record<string, PlanCustomer[]> = {};
      for (const { tierId, limit } of requests) {
        const head = [...db]
          .filter(([, state]) => state.waitlistedForTierId === tierId)
          .map(([customerId, state]) => ({ customerId, state }))
          .sort((a, b) =>
            compareWaitlistEntries(
              { customerId: a.customerId, score: a.state.score, qualifiedAt: a.state.qualifiedAt! },
              { customerId: b.customerId, score: b.state.score, qualifiedAt: b.state.qualifiedAt! },
            ),
          )
          .slice(0, limit + ids.length)
          .filter((c) => !inBatch.has(c.customerId))
          .slice(0, limit);
        if (head.length) waitlists[tierId] = head;
      }
      if (Object.keys(waitlists).length) plan = planTierMoves({ ...input, waitlists });
    }
    for (const move of plan.moves) db.set(move.customerId, move.after);
    for (const change of plan.stateChanges)
      db.set(change.customerId, { ...db.get(change.customerId)!, ...change });
    counts = plan.occupancy;
  };
  const ids = population.map((c) => c.customerId).sort();
  for (let i = 0; i < ids.length; i += LADDER_BATCH_SIZE) evaluate(ids.slice(i, i + LADDER_BATCH_SIZE));
  evaluate([]);
  return db;
}

function whatIf(
  current: TierLadder,
  proposed: TierLadder,
  occupancy: Record<string, TierOccupancy>,
  population: readonly PlanCustomer[],
): Map<string, { tierId: string | null; waitlistedForTierId: string | null }> {
  const simulation = new LadderWhatIf(
    current,
    proposed,
    occupancy,
    population.filter((c) => c.state.waitlistedForTierId !== null),
    NOW,
  );
  const sorted = [...population].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  for (let i = 0; i < sorted.length; i += 97) simulation.addBatch(sorted.slice(i, i + 97));
  const { outcomes } = simulation.result();
  return new Map(
    population.map(({ customerId, state }) => [
      customerId,
      outcomes.get(customerId) ?? { tierId: state.tierId, waitlistedForTierId: state.waitlistedForTierId },
    ]),
  );
}

function occupancyOf(ladder: TierLadder, population: readonly PlanCustomer[]): Record<string, TierOccupancy> {
  return Object.fromEntries(
    ladder.tiers.map((t) => [
      t.id,
      {
        members: population.filter((c) => c.state.tierId === t.id).length,
        admissionsInPeriod: 0,
        waitlisted: population.filter((c) => c.state.waitlistedForTierId === t.id).length,
      },
    ]),
  );
}

function expectSame(current: TierLadder, proposed: TierLadder, population: PlanCustomer[]): void {
  const occupancy = occupancyOf(current, population);
  const predicted = whatIf(current, proposed, occupancy, population);
  const done = worker(proposed, occupancy, population);
  const mismatches = population
    .map(({ customerId }) => ({
      customerId,
      predicted: predicted.get(customerId),
      worker: {
        tierId: done.get(customerId)!.tierId,
        waitlistedForTierId: done.get(customerId)!.waitlistedForTierId,
      },
    }))
    .filter((row) => JSON.stringify(row.predicted) !== JSON.stringify(row.worker));
  expect(mismatches).toEqual([]);

  // The summary simulateTierLadder returns: kept without outcomes (customers counted and forgotten
  // batch by batch) and with the waiting list fed a page at a time, it is the worker's from → to
  // matrix exactly.
  const summary = new LadderWhatIf(current, proposed, occupancy, [], NOW, { outcomes: false });
  const waiting = population.filter((c) => c.state.waitlistedForTierId !== null);
  for (let i = 0; i < waiting.length; i += 7) summary.addWaiting(waiting.slice(i, i + 7));
  const sorted = [...population].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  for (let i = 0; i < sorted.length; i += 97) summary.addBatch(sorted.slice(i, i + 97));
  const result = summary.result();
  expect(result.outcomes.size).toBe(0);
  const matrix = new Map<string, number>();
  for (const { customerId, state } of population) {
    const cell = `${state.tierId} → ${done.get(customerId)!.tierId}`;
    matrix.set(cell, (matrix.get(cell) ?? 0) + 1);
  }
  expect(new Map(result.movements.map((m) => [`${m.fromTierId} → ${m.toTierId}`, m.count]))).toEqual(matrix);
  expect(result.tiers.map((t) => [t.tierId, t.members, t.waitlisted])).toEqual(
    proposed.tiers.map((t) => [
      t.id,
      [...done.values()].filter((state) => state.tierId === t.id).length,
      [...done.values()].filter((state) => state.waitlistedForTierId === t.id).length,
    ]),
  );
}

const pad = (n: number): string => String(n).padStart(4, '0');
const QUALIFIED = new Date(NOW.getTime() - DAY);

describe('LadderWhatIf against the worker procedure', () => {
  it('a ROUNDS tier whose members a ladder change drops: the head is sized on the seats free after the plan', () => {
    // 470 outsiders, then 30 members of a full 30-seat ROUNDS tier (batch 1), then 50 waiting (batch 2).
    const current: TierLadder = {
      timeZone: 'UTC',
      tiers: [
        tier({
          id: 'R',
          rank: 1,
          entryScore: 50,
          retainScore: 40,
          capacity: 30,
          graceDays: 0,
          admissionMode: AdmissionMode.ROUNDS,
          admissionQuota: { limit: 100, period: Period.WEEK },
        }),
      ],
    };
    const proposed: TierLadder = {
      ...current,
      tiers: [{ ...current.tiers[0], entryScore: 60, retainScore: 55 }],
    };
    const population: PlanCustomer[] = [
      ...Array.from({ length: 470 }, (_, i) => ({ customerId: `a${pad(i)}`, state: customer({ score: 1 }) })),
      ...Array.from({ length: 30 }, (_, i) => ({
        customerId: `m${pad(i)}`,
        state: customer({ tierId: 'R', score: 45 }),
      })),
      ...Array.from({ length: 50 }, (_, i) => ({
        customerId: `w${pad(i)}`,
        state: customer({ score: 70 + i, waitlistedForTierId: 'R', qualifiedAt: QUALIFIED }),
      })),
    ];
    expectSame(current, proposed, population);
  });

  it('a batch whose own waiters leave the queue: the head holds enough customers from outside the batch', () => {
    // 30 members of a full ROUNDS tier T1 and 25 of its best waiters now qualify for T2 (batch 1);
    // 60 more wait for T1 in batch 2. T1's 30 freed seats: its round is held in batch 1.
    const rounds = {
      admissionMode: AdmissionMode.ROUNDS,
      admissionQuota: { limit: 100, period: Period.WEEK },
    };
    const current: TierLadder = {
      timeZone: 'UTC',
      tiers: [
        tier({ id: 'T1', rank: 1, entryScore: 10, retainScore: 5, capacity: 30, graceDays: 0, ...rounds }),
        tier({ id: 'T2', rank: 2, entryScore: 100, retainScore: 90, graceDays: 0 }),
      ],
    };
    const proposed: TierLadder = {
      ...current,
      tiers: [current.tiers[0], { ...current.tiers[1], entryScore: 50, retainScore: 45 }],
    };
    const population: PlanCustomer[] = [
      ...Array.from({ length: 445 }, (_, i) => ({ customerId: `a${pad(i)}`, state: customer({ score: 1 }) })),
      ...Array.from({ length: 30 }, (_, i) => ({
        customerId: `m${pad(i)}`,
        state: customer({ tierId: 'T1', score: 60 }),
      })),
      ...Array.from({ length: 25 }, (_, i) => ({
        customerId: `n${pad(i)}`,
        state: customer({ score: 70 + i, waitlistedForTierId: 'T1', qualifiedAt: QUALIFIED }),
      })),
      ...Array.from({ length: 60 }, (_, i) => ({
        customerId: `w${pad(i)}`,
        state: customer({ score: 20 + i / 10, waitlistedForTierId: 'T1', qualifiedAt: QUALIFIED }),
      })),
    ];
    expectSame(current, proposed, population);
  });

  it('for any population of one to three batches (locks and archived tiers included) and any ladder change', () => {
    const tierArb = (id: string, rank: number) =>
      fc
        .record({
          entry: fc.integer({ min: 0, max: 60 }),
          gap: fc.integer({ min: 0, max: 20 }),
          capacity: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
          quota: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
          rounds: fc.boolean(),
          grace: fc.constantFrom(0, 7),
        })
        .map(({ entry, gap, capacity, quota, rounds, grace }) =>
          tier({
            id,
            rank,
            entryScore: entry + rank * 10,
            retainScore: entry + rank * 10 - gap,
            capacity,
            graceDays: grace,
            admissionQuota: quota === null && !rounds ? null : { limit: quota ?? 50, period: Period.WEEK },
            admissionMode: rounds ? AdmissionMode.ROUNDS : AdmissionMode.CONTINUOUS,
          }),
        );
    const ladderArb = fc
      .tuple(tierArb('T1', 1), tierArb('T2', 2))
      .map(([a, b]): TierLadder => ({ timeZone: 'UTC', tiers: [a, b] }));
    const populationArb = fc
      .array(
        fc.record({
          score: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
          tierId: fc.constantFrom(null, 'T1', 'T2', 'X'),
          lock: fc.constantFrom(null, null, 'T1', 'X'),
          waits: fc.constantFrom(null, 'T1', 'T2'),
          inGrace: fc.boolean(),
        }),
        { minLength: 1, maxLength: 1100, size: 'max' },
      )
      .map((rows) =>
        rows.map(({ score, tierId, waits, inGrace, lock }, i) => ({
          customerId: `c${pad(i)}`,
          state: customer({
            score,
            tierId,
            lock: lock === null ? null : { tierId: lock, until: null, reason: 'r' },
            graceUntil: tierId !== null && inGrace ? new Date(NOW.getTime() + DAY) : null,
            waitlistedForTierId: waits === tierId || (waits === 'T1' && tierId === 'T2') ? null : waits,
            qualifiedAt: waits === tierId || (waits === 'T1' && tierId === 'T2') ? null : QUALIFIED,
          }),
        })),
      );
    fc.assert(
      fc.property(ladderArb, ladderArb, populationArb, (current, proposed, population) => {
        expectSame(current, proposed, population);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});
