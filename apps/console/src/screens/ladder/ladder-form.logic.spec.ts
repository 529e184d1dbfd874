import {
  buildLadderInput,
  draftsFromTiers,
  moveDraft,
  newTierDraft,
  summariseMovements,
} from './ladder-form.logic';

const tiers = [
  {
    id: 'gold',
    name: 'Gold',
    rank: 2,
    entryScore: 100,
    retainScore: 80,
    graceDays: 14,
    capacity: 10,
    admissionMode: 'CONTINUOUS' as const,
    admissionQuota: { limit: 2, period: 'WEEK' as const },
    benefits: null,
  },
  {
    id: 'silver',
    name: 'Silver',
    rank: 1,
    entryScore: 20,
    retainScore: 10,
    graceDays: 7,
    admissionMode: 'CONTINUOUS' as const,
  },
];

describe('ladder editor', () => {
  it('round-trips the ladder into the input, ranks from the order', () => {
    const { input, fieldErrors } = buildLadderInput(draftsFromTiers(tiers));
    expect(fieldErrors).toEqual({});
    expect(input?.tiers.map((t) => [t.id, t.rank, t.capacity, t.admissionQuota])).toEqual([
      ['silver', 1, null, null],
      ['gold', 2, 10, { limit: 2, period: 'WEEK' }],
    ]);
  });

  it('reports text that is not a number at its field, and sends nothing', () => {
    const drafts = [
      ...draftsFromTiers(tiers),
      { ...newTierDraft('n'), name: 'Platinum', entryScore: 'lots', graceDays: '1.5' },
    ];
    const { input, fieldErrors } = buildLadderInput(drafts);
    expect(input).toBeNull();
    expect(fieldErrors).toEqual({
      'tiers.2.entryScore': ['Enter a number.'],
      'tiers.2.retainScore': ['Enter a number.'],
      'tiers.2.graceDays': ['Enter a whole number.'],
    });
  });

  it('moves a tier a rank and keeps the ends in place', () => {
    const drafts = draftsFromTiers(tiers);
    expect(moveDraft(drafts, 0, 1).map((d) => d.id)).toEqual(['gold', 'silver']);
    expect(moveDraft(drafts, 0, -1).map((d) => d.id)).toEqual(['silver', 'gold']);
  });

  it('summarises the movement matrix per current tier', () => {
    const rows = summariseMovements([
      { count: 5, fromTier: null, toTier: { name: 'Silver', rank: 1 } },
      { count: 2, fromTier: { name: 'Gold', rank: 2 }, toTier: { name: 'Silver', rank: 1 } },
      { count: 3, fromTier: { name: 'Gold', rank: 2 }, toTier: { name: 'Gold', rank: 2 } },
      { count: 1, fromTier: null, toTier: null },
    ]);
    expect(rows).toEqual([
      { from: 'No tier', rank: 0, up: 5, down: 0, same: 1 },
      { from: 'Gold', rank: 2, up: 0, down: 2, same: 3 },
    ]);
  });
});
