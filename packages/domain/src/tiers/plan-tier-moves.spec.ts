import fc from 'fast-check';
import { THREE_TIER_IDS, threeTierLadderArb } from '../../test/ladder-arbitrary.js';
import { DomainError } from '../errors/domain-error.js';
import { customer, DAY, NOW, tier } from '../../test/fixtures.js';
import { Period, periodKey } from '../growth/period.js';
import {
  LOCKED_MOVE_REASON,
  mayChangeTiers,
  type PlanCustomer,
  planTierMoves,
  recordedReasonOf,
  type TierPlan,
  TierMoveDirection,
  waitlistHeadRequests,
} from './plan-tier-moves.js';
import { TierDecisionReason } from './tier-decision.js';
import { AdmissionMode, type OccupancyByTier, type TierLadder, type TierOccupancy } from './tier-ladder.js';

const week = periodKey(NOW, Period.WEEK, 'UTC');

function ladderOf(mode: AdmissionMode, capacity: number | null = 50, quota = 10): TierLadder {
  return {
    timeZone: 'UTC',
    tiers: [
      tier({ id: 'regulars', rank: 1, entryScore: 10, retainScore: 5, graceDays: 0 }),
      tier({
        id: 'inner',
        rank: 2,
        entryScore: 50,
        retainScore: 40,
        graceDays: 0,
        capacity,
        admissionQuota: { limit: quota, period: Period.WEEK },
        admissionMode: mode,
      }),
    ],
  };
}

const qualifiers = (count: number, seed = 7): PlanCustomer[] => {
  // A deterministic shuffle of distinct scores from 50 to 50 + count.
  const scores = Array.from({ length: count }, (_, i) => 50 + ((i * seed) % count) + i / (10 * count));
  return scores.map((score, i) => ({
    customerId: `c${String(i).padStart(4, '0')}`,
    state: customer({ tierId: 'regulars', score }),
  }));
};

const admittedTo = (plan: TierPlan, tierId: string): string[] =>
  plan.moves.filter((move) => move.toTierId === tierId).map((move) => move.customerId);

const best = (customers: PlanCustomer[], count: number): string[] =>
  [...customers]
    .sort((a, b) => b.state.score - a.state.score)
    .slice(0, count)
    .map((c) => c.customerId);

describe('planTierMoves', () => {
  const occupancy: OccupancyByTier = {
    regulars: { members: 500, admissionsInPeriod: 0 },
    inner: { members: 0, admissionsInPeriod: 0, periodKey: week },
  };

  it('CONTINUOUS: 500 qualifiers decided together — the 10 of the quota are the 10 best by score', () => {
    const population = qualifiers(500);
    const plan = planTierMoves({
      ladder: ladderOf(AdmissionMode.CONTINUOUS),
      occupancy,
      customers: population,
      now: NOW,
    });
    expect(admittedTo(plan, 'inner').sort()).toEqual(best(population, 10).sort());
    expect(plan.occupancy.inner).toMatchObject({ members: 10, admissionsInPeriod: 10, waitlisted: 490 });
  });

  it('ROUNDS: qualifiers of a week whose round is held wait; the next week’s round takes the best', () => {
    const ladder = ladderOf(AdmissionMode.ROUNDS);
    const population = qualifiers(500);
    const held = { ...occupancy, inner: { ...occupancy.inner!, roundHeldFor: week } };
    // An import processed in five batches this week: nobody enters, whatever the order.
    let waiting: PlanCustomer[] = [];
    let counts: Record<string, TierOccupancy> = { ...held };
    for (let batch = 0; batch < 5; batch++) {
      const plan = planTierMoves({
        ladder,
        occupancy: counts,
        customers: population.slice(batch * 100, batch * 100 + 100),
        now: NOW,
      });
      expect(admittedTo(plan, 'inner')).toEqual([]);
      counts = plan.occupancy;
      waiting = waiting.concat(
        plan.decisions.map(({ customerId }) => {
          const state = population.find((c) => c.customerId === customerId)!.state;
          return { customerId, state: { ...state, waitlistedForTierId: 'inner', qualifiedAt: NOW } };
        }),
      );
    }
    expect(counts.inner.waitlisted).toBe(500);

    const nextWeek = new Date(NOW.getTime() + 7 * DAY);
    const round = planTierMoves({
      ladder,
      occupancy: counts,
      customers: [],
      waitlists: { inner: waiting },
      now: nextWeek,
    });
    expect(admittedTo(round, 'inner').sort()).toEqual(best(population, 10).sort());
    expect(round.roundsHeld).toEqual([
      { tierId: 'inner', periodKey: periodKey(nextWeek, Period.WEEK, 'UTC') },
    ]);
    // Once held, the round is not held again in the same week.
    const again = planTierMoves({
      ladder,
      occupancy: round.occupancy,
      customers: [],
      waitlists: { inner: waiting },
      now: nextWeek,
    });
    expect(again.moves).toEqual([]);
  });

  it('takes a waiting customer whose score fell below entry off the waitlist', () => {
    const ladder = ladderOf(AdmissionMode.CONTINUOUS, 5);
    const plan = planTierMoves({
      ladder,
      occupancy: { inner: { members: 0, admissionsInPeriod: 0, waitlisted: 1 } },
      customers: [],
      waitlists: {
        inner: [
          {
            customerId: 'faded',
            state: customer({
              tierId: 'regulars',
              score: 20,
              waitlistedForTierId: 'inner',
              qualifiedAt: NOW,
            }),
          },
        ],
      },
      now: NOW,
    });
    expect(plan.moves).toEqual([]);
    expect(plan.stateChanges).toEqual([
      { customerId: 'faded', graceUntil: null, waitlistedForTierId: null, qualifiedAt: null },
    ]);
    expect(plan.occupancy.inner.waitlisted).toBe(0);
  });

  it('moves a customer once when a seat frees up for them in the same plan', () => {
    const ladder = ladderOf(AdmissionMode.CONTINUOUS, 1);
    const plan = planTierMoves({
      ladder,
      occupancy: {
        regulars: { members: 0, admissionsInPeriod: 0 },
        inner: { members: 1, admissionsInPeriod: 0, periodKey: week },
      },
      customers: [
        { customerId: 'newcomer', state: customer({ score: 60 }) },
        { customerId: 'member', state: customer({ tierId: 'inner', score: 1 }) },
      ],
      now: NOW,
    });
    const newcomer = plan.moves.filter((m) => m.customerId === 'newcomer');
    expect(newcomer).toHaveLength(1);
    expect(newcomer[0]).toMatchObject({
      fromTierId: null,
      toTierId: 'inner',
      reason: TierDecisionReason.ADMITTED_FROM_WAITLIST,
      direction: TierMoveDirection.UP,
    });
    expect(plan.occupancy.inner.members).toBe(1);
    expect(plan.occupancy.regulars.members).toBe(0);
  });

  it('refuses the same customer twice', () => {
    const twice = [
      { customerId: 'a', state: customer() },
      { customerId: 'a', state: customer() },
    ];
    expect(() =>
      planTierMoves({
        ladder: ladderOf(AdmissionMode.CONTINUOUS),
        occupancy: {},
        customers: twice,
        now: NOW,
      }),
    ).toThrow(DomainError);
  });
});

describe('planTierMoves properties', () => {
  const customersArb = fc.uniqueArray(
    fc.record({
      customerId: fc.string({ minLength: 1, maxLength: 4 }),
      score: fc.double({ min: 0, max: 45, noNaN: true }),
      tier: fc.constantFrom(null, 't1', 't2', 't3'),
      waiting: fc.constantFrom(null, 't2', 't3'),
      inGrace: fc.boolean(),
    }),
    { selector: (c) => c.customerId, maxLength: 25 },
  );
  const scenario = fc
    .record({ ladder: threeTierLadderArb, raw: customersArb, seed: fc.infiniteStream(fc.nat()) })
    .map(({ ladder, raw, seed }) => {
      // As stored: one waits only for a tier above the one held.
      const rankOf = (id: string | null) => (id === null ? 0 : Number(id.slice(1)));
      const customers: PlanCustomer[] = raw.map((c) => {
        const waiting = c.waiting !== null && rankOf(c.waiting) > rankOf(c.tier) ? c.waiting : null;
        return {
          customerId: c.customerId,
          state: customer({
            tierId: c.tier,
            score: c.score,
            graceUntil: c.inGrace && c.tier ? new Date(NOW.getTime() + DAY) : null,
            waitlistedForTierId: waiting,
            qualifiedAt: waiting ? new Date(NOW.getTime() - DAY) : null,
          }),
        };
      });
      // Occupancy consistent with the customers, within capacity where they fit.
      const occupancy: Record<string, TierOccupancy> = {};
      for (const t of ladder.tiers) {
        const members = customers.filter((c) => c.state.tierId === t.id).length;
        occupancy[t.id] = {
          members,
          admissionsInPeriod: 0,
          periodKey: week,
          waitlisted: customers.filter((c) => c.state.waitlistedForTierId === t.id).length,
        };
      }
      return { ladder, customers, occupancy, seed };
    });

  it('never exceeds capacity or quota, and admits in rank order (any ladder, any customers)', () => {
    fc.assert(
      fc.property(scenario, ({ ladder, customers, occupancy }) => {
        const plan = planTierMoves({ ladder, occupancy, customers, now: NOW });
        for (const t of ladder.tiers) {
          const before = occupancy[t.id];
          const after = plan.occupancy[t.id];
          if (t.capacity !== null && t.capacity !== undefined)
            expect(after.members).toBeLessThanOrEqual(Math.max(t.capacity, before.members));
          const admissions = plan.moves.filter((m) => m.toTierId === t.id && m.countsAsAdmission).length;
          if (t.admissionQuota) expect(admissions).toBeLessThanOrEqual(t.admissionQuota.limit);
          // Everyone taken from this tier's waitlist outranks everyone still waiting for it.
          const fromWaitlist = plan.moves.filter(
            (m) => m.toTierId === t.id && m.reason === TierDecisionReason.ADMITTED_FROM_WAITLIST,
          );
          const stillWaiting = customers.filter((c) => {
            const move = plan.moves.find((m) => m.customerId === c.customerId);
            const change = plan.stateChanges.find((s) => s.customerId === c.customerId);
            const waitingFor = move
              ? move.after.waitlistedForTierId
              : change
                ? change.waitlistedForTierId
                : c.state.waitlistedForTierId;
            return waitingFor === t.id;
          });
          for (const admitted of fromWaitlist)
            for (const waiting of stillWaiting)
              expect(admitted.score).toBeGreaterThanOrEqual(waiting.state.score);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same plan for any input order of the customers', () => {
    fc.assert(
      fc.property(scenario, ({ ladder, customers, occupancy, seed }) => {
        const shuffled = customers
          .map((c) => ({ c, key: seed.next().value }))
          .sort((a, b) => a.key - b.key)
          .map(({ c }) => c);
        const a = planTierMoves({ ladder, occupancy, customers, now: NOW });
        const b = planTierMoves({ ladder, occupancy, customers: shuffled, now: NOW });
        expect(b.moves).toEqual(a.moves);
        expect(b.stateChanges).toEqual(a.stateChanges);
        expect(b.occupancy).toEqual(a.occupancy);
      }),
      { numRuns: 300 },
    );
  });

  it('settles: planning again what a plan produced moves nobody', () => {
    fc.assert(
      fc.property(scenario, ({ ladder, customers, occupancy }) => {
        const first = planTierMoves({ ladder, occupancy, customers, now: NOW });
        const after = customers.map((c) => {
          const move = first.moves.find((m) => m.customerId === c.customerId);
          const change = first.stateChanges.find((s) => s.customerId === c.customerId);
          return {
            customerId: c.customerId,
            state: move ? move.after : change ? { ...c.state, ...change } : c.state,
          };
        });
        const second = planTierMoves({ ladder, occupancy: first.occupancy, customers: after, now: NOW });
        expect(second.moves).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
  it('mayChangeTiers: a batch judged quiet on any occupancy moves and changes nobody on the exact one', () => {
    const countsArb = fc.record({
      members: fc.integer({ min: 0, max: 8 }),
      admissionsInPeriod: fc.integer({ min: 0, max: 5 }),
      waitlisted: fc.integer({ min: 0, max: 4 }),
      roundHeld: fc.boolean(),
    });
    const occupancyArb = fc.tuple(...THREE_TIER_IDS.map(() => countsArb)).map((counts) =>
      Object.fromEntries(
        THREE_TIER_IDS.map((id, i): [string, TierOccupancy] => [
          id,
          {
            members: counts[i].members,
            admissionsInPeriod: counts[i].admissionsInPeriod,
            periodKey: week,
            waitlisted: counts[i].waitlisted,
            roundHeldFor: counts[i].roundHeld ? week : null,
          },
        ]),
      ),
    );
    // Mostly customers whose score keeps them where they are (the common batch), some who cross.
    const settledArb = fc.uniqueArray(
      fc.record({
        customerId: fc.string({ minLength: 1, maxLength: 4 }),
        tier: fc.integer({ min: 0, max: 3 }),
        offset: fc.double({ min: 0, max: 4.99, noNaN: true }),
        crosses: fc.integer({ min: 0, max: 9 }),
        inGrace: fc.integer({ min: 0, max: 9 }),
      }),
      { selector: (c) => c.customerId, minLength: 1, maxLength: 12 },
    );
    const batchArb = fc.tuple(threeTierLadderArb, settledArb).map(([ladder, raw]) => ({
      ladder,
      customers: raw.map((c): PlanCustomer => ({
        customerId: c.customerId,
        state: customer({
          tierId: c.tier === 0 ? null : `t${c.tier}`,
          // Tier i keeps from 10i − 5 up to the next entry at 10(i + 1); crossers fall out of it.
          score: c.crosses === 0 ? c.offset * 9 : c.tier === 0 ? c.offset : 10 * c.tier - 5 + c.offset * 2,
          graceUntil: c.inGrace === 0 && c.tier > 0 ? new Date(NOW.getTime() + DAY) : null,
        }),
      })),
    }));
    fc.assert(
      fc.property(batchArb, occupancyArb, occupancyArb, ({ ladder, customers }, snapshot, exact) => {
        const quiet = planTierMoves({ ladder, occupancy: snapshot, customers, now: NOW });
        if (mayChangeTiers(ladder, customers, quiet)) return;
        // The snapshot said "nothing to do" without the locks: under them, with any counts, the
        // batch's own customers neither move nor change state.
        const locked = planTierMoves({ ladder, occupancy: exact, customers, now: NOW });
        expect(locked.moves).toEqual([]);
        expect(locked.stateChanges).toEqual([]);
        expect(locked.warnings).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('mayChangeTiers: a customer who waits always asks for the locks (a seat may have freed up)', () => {
    const ladder = ladderOf(AdmissionMode.CONTINUOUS, 1);
    const waiting: PlanCustomer = {
      customerId: 'w',
      state: customer({ tierId: 'regulars', score: 60, waitlistedForTierId: 'inner', qualifiedAt: NOW }),
    };
    const full = {
      regulars: { members: 1, admissionsInPeriod: 0 },
      inner: { members: 1, admissionsInPeriod: 0, waitlisted: 1 },
    };
    const plan = planTierMoves({ ladder, occupancy: full, customers: [waiting], now: NOW });
    expect(plan.moves).toEqual([]);
    expect(mayChangeTiers(ladder, [waiting], plan)).toBe(true);
    const member: PlanCustomer = { customerId: 'm', state: customer({ tierId: 'regulars', score: 20 }) };
    const quiet = planTierMoves({ ladder, occupancy: full, customers: [member], now: NOW });
    expect(mayChangeTiers(ladder, [member], quiet)).toBe(false);
  });
});

describe('planTierMoves: locks, grace, archived tiers and queue heads', () => {
  const ladder = ladderOf(AdmissionMode.CONTINUOUS, 1);

  it('forces a lock into a full tier, warns a member whose grace starts, and places a customer of an archived tier afresh', () => {
    const graceful: TierLadder = {
      ...ladder,
      tiers: ladder.tiers.map((t) => (t.id === 'regulars' ? { ...t, graceDays: 7 } : t)),
    };
    const plan = planTierMoves({
      ladder: graceful,
      occupancy: { inner: { members: 1, admissionsInPeriod: 0, periodKey: week } },
      customers: [
        {
          customerId: 'locked',
          state: customer({ score: 1, lock: { tierId: 'inner', until: null, reason: 'family' } }),
        },
        { customerId: 'fading', state: customer({ tierId: 'regulars', score: 4 }) },
        { customerId: 'orphan', state: customer({ tierId: 'gold', score: 12 }) },
      ],
      now: NOW,
    });
    expect(plan.moves.find((m) => m.customerId === 'locked')).toMatchObject({
      toTierId: 'inner',
      forcedByLock: true,
      countsAsAdmission: false,
      direction: TierMoveDirection.UP,
    });
    expect(plan.occupancy.inner.members).toBe(2);
    expect(plan.warnings).toEqual([
      {
        customerId: 'fading',
        tierId: 'regulars',
        toTierId: null,
        on: new Date(NOW.getTime() + 7 * DAY),
        score: 4,
      },
    ]);
    expect(plan.moves.find((m) => m.customerId === 'orphan')).toMatchObject({
      fromTierId: 'gold',
      toTierId: 'regulars',
      reason: TierDecisionReason.TIER_NOT_IN_LADDER,
      direction: TierMoveDirection.UP,
    });
  });

  it('records a lock’s move as LOCKED and any other move with its decision’s reason', () => {
    const plan = planTierMoves({
      ladder,
      occupancy: { inner: { members: 1, admissionsInPeriod: 0, periodKey: week } },
      customers: [
        {
          customerId: 'locked',
          state: customer({ score: 1, lock: { tierId: 'inner', until: null, reason: 'vip' } }),
        },
        { customerId: 'climber', state: customer({ score: 12 }) },
      ],
      now: NOW,
    });
    const reasons = Object.fromEntries(plan.moves.map((m) => [m.customerId, recordedReasonOf(m)]));

    expect(reasons).toEqual({ locked: LOCKED_MOVE_REASON, climber: TierDecisionReason.QUALIFIED });
    expect(LOCKED_MOVE_REASON).toBe('LOCKED');
  });

  it('moves out of an archived tier up or down by the rank it had, when its rank is given', () => {
    const orphans = (archivedTierRanks?: Record<string, number>) =>
      planTierMoves({
        ladder,
        occupancy: {},
        customers: [
          // Gold (rank 3) and Bronze (rank 1) were archived; both land in Regulars (rank 1).
          { customerId: 'was-gold', state: customer({ tierId: 'gold', score: 12 }) },
          { customerId: 'was-bronze', state: customer({ tierId: 'bronze', score: 12 }) },
          { customerId: 'was-copper', state: customer({ tierId: 'copper', score: 1 }) },
        ],
        now: NOW,
        ...(archivedTierRanks ? { archivedTierRanks } : {}),
      }).moves.map((m) => [m.customerId, m.toTierId, m.direction]);

    expect(orphans({ gold: 3, bronze: 1, copper: 1 })).toEqual(
      expect.arrayContaining([
        ['was-gold', 'regulars', TierMoveDirection.DOWN],
        ['was-bronze', 'regulars', TierMoveDirection.NONE],
        ['was-copper', null, TierMoveDirection.DOWN],
      ]),
    );
    // Without their ranks, archived tiers are below the whole ladder.
    expect(orphans()).toEqual(
      expect.arrayContaining([
        ['was-gold', 'regulars', TierMoveDirection.UP],
        ['was-copper', null, TierMoveDirection.DOWN],
      ]),
    );
  });

  it('asks for the head of a queue only where a seat is free, and for a ROUNDS tier only when its round is held', () => {
    const plan = (mode: AdmissionMode, members: number, roundHeldFor: string | null) =>
      planTierMoves({
        ladder: ladderOf(mode, 2),
        occupancy: {
          inner: { members, admissionsInPeriod: 0, periodKey: week, waitlisted: 3, roundHeldFor },
        },
        customers: [],
        now: NOW,
      });
    const requests = (mode: AdmissionMode, members: number, roundHeldFor: string | null) =>
      waitlistHeadRequests(ladderOf(mode, 2), plan(mode, members, roundHeldFor));
    expect(requests(AdmissionMode.CONTINUOUS, 1, null)).toEqual([{ tierId: 'inner', limit: 1 + 20 }]);
    expect(requests(AdmissionMode.CONTINUOUS, 2, null)).toEqual([]);
    // Held this week already: no round, no head; a round due this week: the head of its queue.
    expect(requests(AdmissionMode.ROUNDS, 0, week)).toEqual([]);
    expect(requests(AdmissionMode.ROUNDS, 0, null)).toEqual([{ tierId: 'inner', limit: 2 + 20 }]);
  });

  it('gives an erased member’s seat back and to the head of the queue in the same plan', () => {
    const plan = planTierMoves({
      ladder: ladderOf(AdmissionMode.CONTINUOUS, 1),
      occupancy: { inner: { members: 1, admissionsInPeriod: 0, periodKey: week, waitlisted: 1 } },
      customers: [
        {
          customerId: 'gone',
          state: customer({
            tierId: 'inner',
            score: 90,
            lock: { tierId: 'inner', until: null, reason: 'x' },
          }),
          leaving: true,
        },
      ],
      waitlists: {
        inner: [
          {
            customerId: 'next',
            state: customer({
              tierId: 'regulars',
              score: 70,
              waitlistedForTierId: 'inner',
              qualifiedAt: NOW,
            }),
          },
        ],
      },
      now: NOW,
    });
    expect(plan.moves.map((m) => [m.customerId, m.fromTierId, m.toTierId, m.reason])).toEqual([
      ['gone', 'inner', null, TierDecisionReason.ERASED],
      ['next', 'regulars', 'inner', TierDecisionReason.ADMITTED_FROM_WAITLIST],
    ]);
    expect(plan.moves[0].after.lock).toBeNull();
    expect(plan.occupancy.inner).toMatchObject({ members: 1, waitlisted: 0 });
  });
});
