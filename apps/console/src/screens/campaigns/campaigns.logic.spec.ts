import { allowedActions, campaignInput, capBars, nextRedeemersPage, REDEEMERS_PAGE } from './campaigns.logic';

describe('campaigns', () => {
  it('offers only the transitions the API allows', () => {
    expect(allowedActions('DRAFT')).toEqual(['schedule', 'activate', 'end']);
    expect(allowedActions('ACTIVE')).toEqual(['pause', 'end']);
    expect(allowedActions('ENDED')).toEqual([]);
  });

  it('draws a bar per cap that exists', () => {
    expect(
      capBars({
        redeemedCount: 7,
        caps: { total: 10, perPeriod: { limit: 3, period: 'WEEK' } },
        remaining: { perPeriod: 0, periodKey: '2026-W48' },
      }),
    ).toEqual([
      { label: 'Total', used: 7, limit: 10 },
      { label: 'This week (2026-W48)', used: 3, limit: 3 },
    ]);
    expect(capBars({ redeemedCount: 7, caps: {}, remaining: {} })).toEqual([]);
  });

  it('turns the form into the create input; empty caps are unlimited', () => {
    expect(
      campaignInput({
        name: 'Free coffee',
        description: ' ',
        audience: 'MIN_TIER_RANK',
        minTierRank: '2',
        total: '5',
        perCustomer: '',
        perPeriod: '',
        period: 'WEEK',
      }),
    ).toEqual({
      name: 'Free coffee',
      description: null,
      audience: { kind: 'MIN_TIER_RANK', minTierRank: 2 },
      caps: { total: 5, perCustomer: null, perPeriod: null },
    });
  });
});

describe('nextRedeemersPage', () => {
  it('grows the page by ten while there is more, up to the API’s 100', () => {
    expect(nextRedeemersPage(REDEEMERS_PAGE, true)).toBe(20);
    expect(nextRedeemersPage(10, false)).toBeNull();
    expect(nextRedeemersPage(95, true)).toBe(100);
    expect(nextRedeemersPage(100, true)).toBeNull();
  });
});
