import { customer, DAY, NOW, tier } from '../../test/fixtures.js';
import {
  type PlanCustomer,
  planTierMoves,
  type TierPlanInput,
  waitlistHeadRequests,
} from './plan-tier-moves.js';
import type { TierLadder } from './tier-ladder.js';

/**
 * The two-plan protocol the worker (TierEvaluationService.evaluate) and the what-if run: a first
 * plan of the batch alone, then, for each queue it leaves open, the head of that queue brought in
 * (outside the batch) and the batch planned again.
 */
function planLikeTheWorker(input: TierPlanInput, queue: Record<string, PlanCustomer[]>) {
  const first = planTierMoves(input);
  const requests = waitlistHeadRequests(input.ladder, first, input.exactTierIds);
  if (!requests.length) return first;
  const waitlists = Object.fromEntries(
    requests.map((r) => [r.tierId, (queue[r.tierId] ?? []).slice(0, r.limit)]),
  );
  return planTierMoves({ ...input, waitlists });
}

describe('a queue served by a batch holding one of its waiters', () => {
  // Found in the round 4 review (older than round 4): the first plan served Gold's queue with the
  // batch's own waiter alone (the others are not in the plan) and took the seat; the head was then
  // not asked for, as no seat was left, and a waiter ahead of the batch's one was passed over.
  // waitlistHeadRequests now counts the seats the plan gave to the queue as open.
  it('admits the best waiter of the queue, not the one that happens to be in the batch', () => {
    const ladder: TierLadder = {
      timeZone: 'UTC',
      tiers: [
        tier({ id: 'bronze', rank: 1, entryScore: 10 }),
        tier({ id: 'gold', rank: 2, entryScore: 20, capacity: 1 }),
      ],
    };
    const waiting = (score: number, days: number) =>
      customer({
        tierId: 'bronze',
        score,
        waitlistedForTierId: 'gold',
        qualifiedAt: new Date(NOW.getTime() - days * DAY),
      });
    // The seat just freed (gold 0/1); two wait: the head, and the batch's customer behind it.
    const head: PlanCustomer = { customerId: 'head', state: waiting(40, 5) };
    const input: TierPlanInput = {
      ladder,
      occupancy: {
        bronze: { members: 2, admissionsInPeriod: 0 },
        gold: { members: 0, admissionsInPeriod: 0, waitlisted: 2 },
      },
      customers: [{ customerId: 'batch', state: waiting(21, 1) }],
      now: NOW,
    };
    const plan = planLikeTheWorker(input, { gold: [head] });
    expect(plan.moves.map((m) => [m.customerId, m.toTierId])).toEqual([['head', 'gold']]);
  });
});
