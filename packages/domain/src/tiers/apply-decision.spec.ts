import { DAY, NOW, cafeLadder, customer } from '../../test/fixtures.js';
import { applyDecision, seatMovementOf } from './apply-decision.js';
import { decideTier } from './decide-tier.js';
import type { CustomerTierState, OccupancyByTier } from './tier-ladder.js';

const ladder = cafeLadder();
const icFull: OccupancyByTier = { 'inner-circle': { members: 20, admissionsInPeriod: 0 } };
const earlier = new Date(NOW.getTime() - 3 * DAY);
const step = (state: CustomerTierState, occupancy: OccupancyByTier = {}) => {
  const decision = decideTier(state, ladder, occupancy, NOW);
  return { decision, next: applyDecision(state, decision, NOW), seats: seatMovementOf(decision) };
};

describe('applyDecision and seatMovementOf', () => {
  it('upgrade: new tier since now, waitlist and grace cleared, one admission', () => {
    const { next, seats } = step(
      customer({ tierId: 'regulars', score: 25, waitlistedForTierId: 'friends', qualifiedAt: earlier }),
    );
    expect(next).toMatchObject({
      tierId: 'friends',
      since: NOW,
      graceUntil: null,
      waitlistedForTierId: null,
      qualifiedAt: null,
    });
    expect(seats).toEqual({ releaseTierId: 'regulars', takeTierId: 'friends', countsAsAdmission: true });
  });

  it('admitted and waitlisted: keeps the original qualification time while waiting for the same tier', () => {
    const waiting = step(
      customer({ score: 60, waitlistedForTierId: 'inner-circle', qualifiedAt: earlier }),
      icFull,
    );
    expect(waiting.next).toMatchObject({
      tierId: 'friends',
      waitlistedForTierId: 'inner-circle',
      qualifiedAt: earlier,
    });
    expect(waiting.seats).toEqual({ releaseTierId: null, takeTierId: 'friends', countsAsAdmission: true });
    const fresh = step(customer({ score: 60 }), icFull);
    expect(fresh.next.qualifiedAt).toBe(NOW);
  });

  it('waitlisted: same tier, grace cleared, qualification time set once', () => {
    const { next, seats } = step(customer({ tierId: 'friends', score: 60, graceUntil: NOW }), icFull);
    expect(next).toMatchObject({
      tierId: 'friends',
      graceUntil: null,
      waitlistedForTierId: 'inner-circle',
      qualifiedAt: NOW,
    });
    expect(seats.takeTierId).toBeNull();
    const again = step({ ...next, qualifiedAt: earlier }, icFull);
    expect(again.next.qualifiedAt).toBe(earlier);
  });

  it('grace started, then cancelled', () => {
    const started = step(
      customer({ tierId: 'friends', score: 10, waitlistedForTierId: 'x', qualifiedAt: earlier }),
    );
    expect(started.next).toMatchObject({
      tierId: 'friends',
      graceUntil: new Date(NOW.getTime() + 14 * DAY),
      waitlistedForTierId: null,
    });
    const cancelled = step({ ...started.next, score: 30 });
    expect(cancelled.next.graceUntil).toBeNull();
    expect(cancelled.seats).toEqual({ releaseTierId: null, takeTierId: null, countsAsAdmission: false });
  });

  it('stay: keeps a running grace, drops a stale waitlist, and clears grace without a tier', () => {
    const inGrace = step(
      customer({
        tierId: 'friends',
        score: 10,
        graceUntil: new Date(NOW.getTime() + DAY),
        waitlistedForTierId: 'x',
      }),
    );
    expect(inGrace.next).toMatchObject({
      tierId: 'friends',
      graceUntil: new Date(NOW.getTime() + DAY),
      waitlistedForTierId: null,
    });
    const tierless = step(customer({ score: 1, graceUntil: NOW }));
    expect(tierless.next.graceUntil).toBeNull();
  });

  it('downgrade: gives the seat back and takes the lower one without using quota', () => {
    const { next, seats } = step(customer({ tierId: 'inner-circle', score: 16, graceUntil: earlier }));
    expect(next).toMatchObject({ tierId: 'friends', since: NOW, graceUntil: null });
    expect(seats).toEqual({ releaseTierId: 'inner-circle', takeTierId: 'friends', countsAsAdmission: false });
  });

  it('lock: pins the tier, moving the seat only when the tier changes', () => {
    const lock = { tierId: 'inner-circle', until: null, reason: 'Founding member' };
    const moved = step(customer({ tierId: 'regulars', score: 1, since: earlier, graceUntil: NOW, lock }));
    expect(moved.next).toMatchObject({ tierId: 'inner-circle', since: NOW, graceUntil: null });
    expect(moved.seats).toEqual({
      releaseTierId: 'regulars',
      takeTierId: 'inner-circle',
      countsAsAdmission: false,
    });
    const kept = step(moved.next);
    expect(kept.next.since).toBe(NOW);
    expect(kept.seats.takeTierId).toBeNull();
    const same = step(customer({ tierId: 'inner-circle', since: earlier, lock }));
    expect(same.next.since).toBe(earlier);
  });
});
