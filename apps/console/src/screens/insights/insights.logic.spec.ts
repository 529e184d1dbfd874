import { distributionSeries, engagementSeries, growthSeries } from './insights.logic';

describe('insights', () => {
  it('shows departures below zero', () => {
    expect(growthSeries([{ weekStart: '2026-11-23T00:00:00Z', joined: 3, left: 1, members: 9 }])).toEqual([
      { week: '23 Nov', joined: 3, left: -1, members: 9 },
    ]);
  });

  it('names customers without a tier and rounds rates', () => {
    expect(distributionSeries([{ customers: 4, tier: null }])).toEqual([{ name: 'No tier', customers: 4 }]);
    expect(
      engagementSeries([
        { members: 3, repeatPurchaseRate: 0.6666, averageFeedbackRating: 4.333, tier: { name: 'Gold' } },
      ]),
    ).toEqual([{ name: 'Gold', repeatPercent: 67, feedback: 4.33 }]);
  });
});
