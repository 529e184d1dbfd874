import { breakdownRows, customerFilter } from './customers.logic';

describe('customers', () => {
  it('builds the filter from the controls', () => {
    expect(customerFilter({ search: '  ', tierId: '', waitlist: 'any' })).toEqual({});
    expect(customerFilter({ search: ' ann ', tierId: 't1', waitlist: 'waiting' })).toEqual({
      search: 'ann',
      tierId: 't1',
      waitlisted: true,
    });
    expect(customerFilter({ search: '', tierId: '', waitlist: 'not-waiting' })).toEqual({
      waitlisted: false,
    });
  });

  it('explains the score by type and regularity, with shares of the total', () => {
    const rows = breakdownRows({
      total: 50,
      byType: [{ type: 'PURCHASE', count: 4, points: 40 }],
      regularity: { activeWeeks: 3, points: 10 },
    });
    expect(rows).toEqual([
      { label: 'Purchase', count: 4, points: 40, share: 0.8 },
      { label: 'Regularity (3 active weeks)', count: null, points: 10, share: 0.2 },
    ]);
  });
});
