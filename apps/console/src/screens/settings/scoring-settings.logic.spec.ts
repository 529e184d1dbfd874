import {
  buildScoringInput,
  compareTops,
  describeRankCorrelation,
  draftOf,
  isChanged,
  leavingTop,
  rankedName,
  type ScoringSettingsLike,
} from './scoring-settings.logic';

const SETTINGS: ScoringSettingsLike = {
  halfLifeDays: 60,
  weeklyReturnBonus: 6,
  purchaseAmountUnit: 10,
  feedbackCommentBonus: 1,
  exactWindowWeeks: 8,
  weights: { visit: 1, purchase: 2, feedback: 4, referral: 8, campaignRedemption: 0.5 },
  weeklyCaps: { visit: 3, purchase: 4, feedback: 5, referral: null, campaignRedemption: 0.5 },
};

describe('scoring settings editor', () => {
  it('round-trips the stored settings: an untouched draft is unchanged and sends the same values', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.caps.referral).toBe('');
    expect(isChanged(draft, SETTINGS)).toBe(false);
    const { input, fieldErrors } = buildScoringInput(draft);
    expect(fieldErrors).toEqual({});
    expect(input).toEqual({
      halfLifeDays: 60,
      weeklyReturnBonus: 6,
      purchaseAmountUnit: 10,
      feedbackCommentBonus: 1,
      exactWindowWeeks: 8,
      weights: SETTINGS.weights,
      // An empty cap is sent as an explicit null: no cap.
      weeklyCaps: { visit: 3, purchase: 4, feedback: 5, referral: null, campaignRedemption: 0.5 },
    });
  });

  it('keys its own problems by the API’s field paths, so both show next to the same field', () => {
    const draft = draftOf(SETTINGS);
    draft.scalars.halfLifeDays = 'soon';
    draft.scalars.exactWindowWeeks = '2.5';
    draft.weights.visit = '';
    draft.caps.purchase = '4,5';
    const { input, fieldErrors } = buildScoringInput(draft);
    expect(input).toBeNull();
    expect(fieldErrors).toEqual({
      halfLifeDays: ['Enter a number.'],
      exactWindowWeeks: ['Enter a whole number.'],
      'weights.visit': ['Enter a number.'],
    });
    expect(isChanged(draft, SETTINGS)).toBe(true);
  });

  it('compares the top 20 before and after: who climbs, who falls, who is new, who leaves', () => {
    const row = (id: string, rank: number) => ({
      customerId: id,
      externalRef: `ref-${id}`,
      rank,
      score: 50 - rank,
    });
    const before = [row('a', 1), row('b', 2), row('c', 3)];
    const after = [row('b', 1), row('a', 2), row('d', 3)];
    expect(compareTops(before, after).map((r) => [r.customerId, r.previousRank, r.change])).toEqual([
      ['b', 2, 1],
      ['a', 1, -1],
      ['d', null, null],
    ]);
    expect(leavingTop(before, after).map((r) => r.customerId)).toEqual(['c']);
  });

  it('names a ranked customer, or shows the external ref when the name is not readable', () => {
    const row = { customerId: 'a', externalRef: 'ref-a', rank: 1, score: 3 };
    expect(rankedName({ ...row, customer: { name: 'Ann' } })).toBe('Ann');
    expect(rankedName({ ...row, customer: { name: null } })).toBe('ref-a');
    expect(rankedName(row)).toBe('ref-a');
  });

  it('puts the rank correlation in words', () => {
    expect(describeRankCorrelation(null)).toMatch(/not enough/i);
    expect(describeRankCorrelation(0.99)).toBe('Rank correlation 0.99: almost the same order.');
    expect(describeRankCorrelation(0.85)).toMatch(/similar order/);
    expect(describeRankCorrelation(0.6)).toMatch(/noticeably different/);
    expect(describeRankCorrelation(0.1)).toMatch(/very different/);
  });
});
