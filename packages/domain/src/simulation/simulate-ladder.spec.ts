import fc from 'fast-check';
import { customer, DAY, NOW, tier } from '../../test/fixtures.js';
import { DomainError } from '../errors/domain-error.js';
import { Period } from '../growth/period.js';
import { type PlanCustomer, planTierMoves } from '../tiers/plan-tier-moves.js';
import type { OccupancyByTier, TierLadder, TierOccupancy } from '../tiers/tier-ladder.js';
import { LADDER_BATCH_SIZE, LadderWhatIf } from './simulate-ladder.js';

const two: TierLadder = {
  timeZone: 'UTC',
  tiers: [
    tier({ id: 'T1', rank: 1, entryScore: 10, retainScore: 5, graceDays: 0 }),
    tier({ id: 'T2', rank: 2, entryScore: 20, retainScore: 15, graceDays: 0 }),
  ],
};

const occupancyOf = (
  ladder: TierLadder,
  population: readonly PlanCustomer[],
): Record<string, TierOccupancy> =>
  Object.fromEntries(
    ladder.tiers.map((t) => [
      t.id,
      {
        members: population.filter((c) => c.state.tierId === t.id).length,
        admissionsInPeriod: 0,
        waitlisted: population.filter((c) => c.state.waitlistedForTierId === t.id).length,
      },
    ]),
  );

function simulate(
  current: TierLadder,
  proposed: TierLadder,
  population: PlanCustomer[],
  occupancy: OccupancyByTier = occupancyOf(current, population),
  pageSize = population.length || 1,
) {
  const whatIf = new LadderWhatIf(
    current,
    proposed,
    occupancy,
    population.filter((c) => c.state.waitlistedForTierId !== null),
    NOW,
  );
  const sorted = [...population].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  for (let i = 0; i < sorted.length; i += pageSize) whatIf.addBatch(sorted.slice(i, i + pageSize));
  return whatIf.result();
}

describe('LadderWhatIf', () => {
  it('downgrades a T2 member with 7 points to T1, as decideTier does (retain, not entry, on the way down)', () => {
    const result = simulate(two, two, [{ customerId: 'a', state: customer({ tierId: 'T2', score: 7 }) }]);
    expect(result.outcomes.get('a')).toEqual({ tierId: 'T1', waitlistedForTierId: null });
    expect(result.downgradedCount).toBe(1);
  });

  it('keeps a member who retains a one-seat tier, the outsider waits (L → L changes nobody who retains)', () => {
    const ladder: TierLadder = {
      timeZone: 'UTC',
      tiers: [tier({ id: 'top', rank: 1, entryScore: 50, retainScore: 40, capacity: 1, graceDays: 0 })],
    };
    const result = simulate(ladder, ladder, [
      { customerId: 'b', state: customer({ tierId: 'top', score: 45 }) },
      { customerId: 'c', state: customer({ score: 95 }) },
    ]);
    expect(result.outcomes.get('b')).toBeUndefined();
    expect(result.outcomes.get('c')).toEqual({ tierId: null, waitlistedForTierId: 'top' });
    expect(result).toMatchObject({ downgradedCount: 0, upgradedCount: 0, unchangedCount: 2 });
    expect(result.tiers[0]).toMatchObject({ members: 1, waitlisted: 1 });
  });

  it('applies quota and grace like the worker: five seats, a quota of two, a member in grace keeps the tier', () => {
    const current: TierLadder = {
      timeZone: 'UTC',
      tiers: [tier({ id: 'ic', rank: 1, entryScore: 50, retainScore: 40, capacity: 5, graceDays: 14 })],
    };
    const proposed: TierLadder = {
      ...current,
      tiers: [{ ...current.tiers[0], admissionQuota: { limit: 2, period: Period.WEEK } }],
    };
    const population = [
      {
        customerId: 'm',
        state: customer({ tierId: 'ic', score: 30, graceUntil: new Date(NOW.getTime() + DAY) }),
      },
      ...[60, 70, 80, 90].map((score, i) => ({ customerId: `q${i}`, state: customer({ score }) })),
    ];
    const result = simulate(current, proposed, population);
    expect(result.outcomes.get('m')).toBeUndefined();
    expect(result.outcomes.get('q3')).toEqual({ tierId: 'ic', waitlistedForTierId: null });
    expect(result.outcomes.get('q2')).toEqual({ tierId: 'ic', waitlistedForTierId: null });
    expect(result.outcomes.get('q1')).toEqual({ tierId: null, waitlistedForTierId: 'ic' });
    expect(result.tiers[0]).toMatchObject({ members: 3, waitlisted: 2 });
  });

  it('refuses customers out of id order', () => {
    const whatIf = new LadderWhatIf(two, two, {}, [], NOW);
    whatIf.addBatch([{ customerId: 'b', state: customer() }]);
    expect(() => whatIf.addBatch([{ customerId: 'a', state: customer() }])).toThrow(DomainError);
  });

  it('refuses waiting customers once the batches have begun (the queues must be whole from the first batch)', () => {
    const whatIf = new LadderWhatIf(two, two, {}, [], NOW);
    const waiting = {
      customerId: 'w',
      state: customer({ score: 30, waitlistedForTierId: 'T2', qualifiedAt: NOW }),
    };
    whatIf.addWaiting([waiting]);
    whatIf.addBatch([{ customerId: 'b', state: customer() }]);
    expect(() => whatIf.addWaiting([waiting])).toThrow(DomainError);
  });

  const ladderArb = fc
    .record({
      capacities: fc.tuple(
        fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      ),
      quota: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      grace: fc.constantFrom(0, 7),
      shift: fc.integer({ min: -5, max: 5 }),
    })
    .map(({ capacities, quota, grace, shift }): TierLadder => ({
      timeZone: 'UTC',
      tiers: [
        tier({
          id: 'T1',
          rank: 1,
          entryScore: 10 + shift,
          retainScore: 5 + shift,
          capacity: capacities[0],
          graceDays: grace,
        }),
        tier({
          id: 'T2',
          rank: 2,
          entryScore: 20 + shift,
          retainScore: 15 + shift,
          capacity: capacities[1],
          admissionQuota: quota === null ? null : { limit: quota, period: Period.WEEK },
          graceDays: grace,
        }),
      ],
    }));
  const populationArb = fc.uniqueArray(
    fc.record({
      customerId: fc.integer({ min: 0, max: 99_999 }).map((n) => `c${String(n).padStart(5, '0')}`),
      score: fc.double({ min: 0, max: 40, noNaN: true }),
      tierId: fc.constantFrom(null, 'T1', 'T2'),
    }),
    { selector: (c) => c.customerId, maxLength: 120 },
  );

  it('equals planTierMoves customer by customer for a population of one batch (any ladder, any population)', () => {
    fc.assert(
      fc.property(ladderArb, ladderArb, populationArb, (current, proposed, raw) => {
        const population = raw.map((c) => ({
          customerId: c.customerId,
          state: customer({ tierId: c.tierId, score: c.score }),
        }));
        const occupancy = occupancyOf(current, population);
        const result = simulate(current, proposed, population, occupancy);
        const plan = planTierMoves({ ladder: proposed, occupancy, customers: population, now: NOW });
        for (const c of population) {
          const move = plan.moves.find((m) => m.customerId === c.customerId);
          const change = plan.stateChanges.find((s) => s.customerId === c.customerId);
          const expected = move
            ? { tierId: move.after.tierId, waitlistedForTierId: move.after.waitlistedForTierId }
            : change
              ? { tierId: c.state.tierId, waitlistedForTierId: change.waitlistedForTierId }
              : undefined;
          expect(result.outcomes.get(c.customerId)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('changes nobody when the ladder stays the same on a settled population', () => {
    fc.assert(
      fc.property(ladderArb, populationArb, (ladder, raw) => {
        const start = raw.map((c) => ({
          customerId: c.customerId,
          state: customer({ tierId: c.tierId, score: c.score }),
        }));
        // Settle first: what the worker would have done with this population under this ladder.
        const plan = planTierMoves({
          ladder,
          occupancy: occupancyOf(ladder, start),
          customers: start,
          now: NOW,
        });
        const settled = start.map((c) => {
          const move = plan.moves.find((m) => m.customerId === c.customerId);
          const change = plan.stateChanges.find((s) => s.customerId === c.customerId);
          return {
            customerId: c.customerId,
            state: move ? move.after : change ? { ...c.state, ...change } : c.state,
          };
        });
        const result = simulate(ladder, ladder, settled, plan.occupancy);
        expect(result.outcomes.size).toBe(0);
        expect(result.downgradedCount + result.upgradedCount).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answer however the population is paged in (batches are the sweep’s, not the caller’s)', () => {
    const ladder: TierLadder = {
      timeZone: 'UTC',
      tiers: [
        tier({ id: 'T1', rank: 1, entryScore: 10, retainScore: 5, graceDays: 0 }),
        tier({ id: 'T2', rank: 2, entryScore: 20, retainScore: 15, capacity: 300, graceDays: 0 }),
      ],
    };
    const population = Array.from({ length: 3 * LADDER_BATCH_SIZE + 17 }, (_, i) => ({
      customerId: `c${String(i).padStart(5, '0')}`,
      state: customer({ score: (i * 7919) % 40, tierId: i % 5 === 0 ? 'T2' : null }),
    }));
    const whole = simulate(two, ladder, population, undefined, population.length);
    const paged = simulate(two, ladder, population, undefined, 77);
    expect(paged.outcomes).toEqual(whole.outcomes);
    expect(paged.tiers).toEqual(whole.tiers);
    expect(whole.tiers[1].members).toBeLessThanOrEqual(300);
    const counted = whole.movements.reduce((sum, m) => sum + m.count, 0);
    expect(counted).toBe(population.length);
  });

  it('names tiers the proposal drops by their old rank and keeps a queue that does not move', () => {
    const proposed: TierLadder = {
      timeZone: 'UTC',
      tiers: [
        tier({ id: 'T1', rank: 1, entryScore: 10, retainScore: 5, graceDays: 0 }),
        tier({ id: 'NEW', rank: 2, entryScore: 50, retainScore: 45, graceDays: 0, capacity: 0 }),
      ],
    };
    const population = [
      // Held T2, which the proposal drops: placed afresh, a move down by T2's old rank.
      { customerId: 'a', state: customer({ tierId: 'T2', score: 12 }) },
      // Waits for the new (full) tier whatever happens.
      {
        customerId: 'b',
        state: customer({ tierId: 'T1', score: 60, waitlistedForTierId: 'NEW', qualifiedAt: NOW }),
      },
      { customerId: 'c', state: customer({ score: 1 }) },
    ];
    const result = simulate(two, proposed, population, {
      T1: { members: 1, admissionsInPeriod: 0 },
      T2: { members: 1, admissionsInPeriod: 0 },
      NEW: { members: 0, admissionsInPeriod: 0, waitlisted: 1 },
    });
    expect(result.outcomes.get('a')).toEqual({ tierId: 'T1', waitlistedForTierId: null });
    expect(result.outcomes.get('b')).toBeUndefined();
    expect(result).toMatchObject({ downgradedCount: 1, upgradedCount: 0, unchangedCount: 2 });
    expect(result.tiers).toEqual([
      { tierId: 'T1', name: 'T1', rank: 1, members: 2, capacity: null, waitlisted: 0 },
      { tierId: 'NEW', name: 'NEW', rank: 2, members: 0, capacity: 0, waitlisted: 1 },
    ]);
    expect(result.movements).toEqual([
      { fromTierId: null, toTierId: null, count: 1 },
      { fromTierId: 'T1', toTierId: 'T1', count: 1 },
      { fromTierId: 'T2', toTierId: 'T1', count: 1 },
    ]);
  });
});
