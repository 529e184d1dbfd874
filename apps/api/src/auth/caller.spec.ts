import { resolveScoringSettings } from '@inner-circle/domain';
import { ApiKeyScope } from './api-key-scope';
import { adoptTimeZone, type Caller } from './caller';

describe('adoptTimeZone', () => {
  it('leaves the caller as if its settings had been read after the time zone changed', () => {
    const overrides = { halfLifeDays: 30, purchaseAmountUnit: 5 };
    const caller: Caller = {
      businessId: 'b',
      apiKeyId: 'k',
      scopes: new Set([ApiKeyScope.Admin]),
      scoringSettings: resolveScoringSettings(overrides, 'UTC'),
    };

    adoptTimeZone(caller, 'Asia/Tokyo');

    expect(caller.scoringSettings).toEqual(resolveScoringSettings(overrides, 'Asia/Tokyo'));
  });
});
