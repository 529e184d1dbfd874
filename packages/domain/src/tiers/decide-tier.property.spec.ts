import fc from 'fast-check';
import { DAY, NOW, cafeLadder, customer, tenTierLadder, tier } from '../../test/fixtures.js';
import { admitFromWaitlist } from '../growth/admit-from-waitlist.js';
import { periodKey, Period } from '../growth/period.js';
import { applyDecision, seatMovementOf } from './apply-decision.js';
import { decideTier } from './decide-tier.js';
import { TierDecisionKind } from './tier-decision.js';
import type { CustomerTierState, TierLadder, TierOccupancy } from './tier-ladder.js';

const cappedLadder: TierLadder = {
  timeZone: 'Europe/Paris',
  tiers: [
    tier({ id: 'base', rank: 1, entryScore: 10, retainScore: 5, graceDays: 0 }),
    tier({
      id: 'mid',
      rank: 2,
      entryScore: 30,
      retainScore: 20,
      graceDays: 3,
      capacity: 4,
      admissionQuota: { limit: 2, period: Period.WEEK },
    }),
    tier({
      id: 'top',
      rank: 3,
      entryScore: 60,
      retainScore: 45,
      graceDays: 5,
      capacity: 2,
      admissionQuota: { limit: 1, period: Period.MONTH },
    }),
  ],
};

const stepArb = fc.record({
  who: fc.nat(),
  score: fc.integer({ min: 0, max: 90 }),
  advanceHours: fc.integer({ min: 0, max: 72 }),
  admitWaitlist: fc.boolean(),
});

describe('tier decision properties', () => {
  it('a stream of decisions never overfills a tier nor exceeds a period quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.array(stepArb, { minLength: 1, maxLength: 120 }),
        (population, steps) => {
          const customers: CustomerTierState[] = Array.from({ length: population }, () => customer());
          const occupancy: Record<string, TierOccupancy> = {};
          const admissions = new Map<string, number>();
          let nowMs = NOW.getTime();
          const admit = (tierId: string, now: Date): void => {
            const quota = cappedLadder.tiers.find((t) => t.id === tierId)!.admissionQuota;
            if (!quota) return;
            const key = periodKey(now, quota.period, cappedLadder.timeZone);
            const seat = occupancy[tierId];
            if (seat.periodKey !== key) Object.assign(seat, { periodKey: key, admissionsInPeriod: 0 });
            seat.admissionsInPeriod += 1;
            admissions.set(`${tierId}|${key}`, (admissions.get(`${tierId}|${key}`) ?? 0) + 1);
          };
          const move = (from: string | null, to: string | null): void => {
            if (from !== null) occupancy[from].members -= 1;
            if (to !== null) (occupancy[to] ??= { members: 0, admissionsInPeriod: 0 }).members += 1;
          };
          for (const step of steps) {
            nowMs += step.advanceHours * 3_600_000;
            const now = new Date(nowMs);
            const i = step.who % population;
            const state = { ...customers[i], score: step.score };
            // The service passes the queue length so direct upgrades never jump the waitlist.
            for (const t of cappedLadder.tiers) {
              (occupancy[t.id] ??= { members: 0, admissionsInPeriod: 0 }).waitlisted = customers.filter(
                (c) => c.waitlistedForTierId === t.id,
              ).length;
            }
            const decision = decideTier(state, cappedLadder, occupancy, now);
            const seats = seatMovementOf(decision);
            if (seats.takeTierId !== null || seats.releaseTierId !== null)
              move(seats.releaseTierId, seats.takeTierId);
            if (seats.countsAsAdmission && seats.takeTierId !== null) admit(seats.takeTierId, now);
            customers[i] = applyDecision(state, decision, now);

            if (step.admitWaitlist) {
              for (const t of cappedLadder.tiers) {
                const waitlist = customers
                  .map((c, index) => ({
                    customerId: String(index),
                    score: c.score,
                    qualifiedAt: c.qualifiedAt ?? now,
                    waiting: c.waitlistedForTierId,
                  }))
                  .filter((entry) => entry.waiting === t.id);
                for (const id of admitFromWaitlist(waitlist, t, occupancy[t.id], now, cappedLadder.timeZone)
                  .admitted) {
                  const c = customers[Number(id)];
                  move(c.tierId, t.id);
                  admit(t.id, now);
                  customers[Number(id)] = {
                    ...c,
                    tierId: t.id,
                    since: now,
                    waitlistedForTierId: null,
                    qualifiedAt: null,
                    graceUntil: null,
                  };
                }
              }
            }
            for (const t of cappedLadder.tiers) {
              const members = customers.filter((c) => c.tierId === t.id).length;
              if (members !== (occupancy[t.id]?.members ?? 0)) return false;
              if (t.capacity != null && members > t.capacity) return false;
            }
            for (const [key, count] of admissions) {
              const limit = cappedLadder.tiers.find((t) => t.id === key.split('|')[0])!.admissionQuota!.limit;
              if (count > limit) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a score oscillating between retain and entry never flaps', () => {
    const ladder = tenTierLadder(10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        fc.array(
          fc.record({
            permille: fc.integer({ min: 0, max: 999 }),
            days: fc.integer({ min: 0, max: 60 }),
          }),
          { maxLength: 40 },
        ),
        (k, member, wobble) => {
          const band = ladder.tiers[k];
          const startTier = member ? band.id : k === 0 ? null : ladder.tiers[k - 1].id;
          let state = customer({ tierId: startTier });
          let nowMs = NOW.getTime();
          for (const { permille, days } of wobble) {
            nowMs += days * DAY;
            const score = band.retainScore + (permille / 1000) * (band.entryScore - band.retainScore);
            state = { ...state, score };
            const decision = decideTier(state, ladder, {}, new Date(nowMs));
            state = applyDecision(state, decision, new Date(nowMs));
            if (state.tierId !== startTier) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a locked customer never moves while the lock holds', () => {
    const ladder = cafeLadder();
    fc.assert(
      fc.property(
        fc.constantFrom('regulars', 'friends', 'inner-circle'),
        fc.option(fc.integer({ min: 1, max: 365 }), { nil: null }),
        fc.array(
          fc.record({
            score: fc.integer({ min: 0, max: 200 }),
            hours: fc.integer({ min: 0, max: 48 }),
            full: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (tierId, lockDays, steps) => {
          const until = lockDays === null ? null : new Date(NOW.getTime() + lockDays * DAY);
          let state = customer({ tierId, lock: { tierId, until, reason: 'pinned' } });
          let nowMs = NOW.getTime();
          for (const step of steps) {
            nowMs += step.hours * 3_600_000;
            if (until !== null && nowMs >= until.getTime()) break;
            const occupancy = step.full ? { 'inner-circle': { members: 99, admissionsInPeriod: 99 } } : {};
            const decision = decideTier({ ...state, score: step.score }, ladder, occupancy, new Date(nowMs));
            if (decision.kind !== TierDecisionKind.LOCKED) return false;
            state = applyDecision(state, decision, new Date(nowMs));
            if (state.tierId !== tierId || seatMovementOf(decision).takeTierId !== null) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
