import { Period } from '@inner-circle/domain';
import type { TierEntity } from '@inner-circle/persistence';
import { toTierDefinition } from '@inner-circle/persistence';
import { toTierObject } from '../tier.mapper';

const entity = (overrides: Partial<TierEntity> = {}): TierEntity => ({
  id: 't1',
  businessId: 'b1',
  name: 'Inner Circle',
  rank: 3,
  entryScore: 50,
  retainScore: 40,
  capacity: 20,
  memberCount: 18,
  quotaLimit: 5,
  quotaPeriod: 'WEEK',
  graceDays: 30,
  benefits: 'Free pastry',
  admissionMode: 'CONTINUOUS',
  roundHeldFor: null,
  archivedAt: null,
  ...overrides,
});

describe('tier mapper', () => {
  it('derives seat counts and the quota', () => {
    expect(toTierObject(entity())).toMatchObject({
      members: 18,
      memberCount: 18,
      capacityUsed: 18,
      capacityRemaining: 2,
      admissionQuota: { limit: 5, period: 'WEEK' },
      admissionMode: 'CONTINUOUS',
    });
  });

  it('reports no free seat (not a negative count) after a capacity cut, and null when unlimited', () => {
    expect(toTierObject(entity({ capacity: 10 })).capacityRemaining).toBe(0);
    expect(toTierObject(entity({ capacity: null }))).toMatchObject({
      capacityUsed: null,
      capacityRemaining: null,
    });
  });

  it('gives the domain a quota only when both its limit and period are set', () => {
    expect(toTierDefinition(entity()).admissionQuota).toEqual({ limit: 5, period: Period.WEEK });
    expect(toTierDefinition(entity({ quotaPeriod: null })).admissionQuota).toBeNull();
    expect(toTierObject(entity({ quotaLimit: null })).admissionQuota).toBeNull();
  });
});
