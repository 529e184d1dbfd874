import { resolveScoringSettings } from '@inner-circle/domain';
import { ApiKeyScope } from './api-key-scope';
import { type AuthenticatedRequest, requestCallerOf } from './auth.decorators';
import { type Caller, withTimeZone } from './caller';

const overrides = { halfLifeDays: 30, purchaseAmountUnit: 5 };
const caller = (): Caller => ({
  businessId: 'b',
  apiKeyId: 'k',
  scopes: new Set([ApiKeyScope.Admin]),
  scoringSettings: resolveScoringSettings(overrides, 'UTC'),
});

describe('withTimeZone', () => {
  it('gives the caller as if its settings had been read after the time zone changed', () => {
    const before = caller();

    const after = withTimeZone(before, 'Asia/Tokyo');

    expect(after.scoringSettings).toEqual(resolveScoringSettings(overrides, 'Asia/Tokyo'));
    expect({ ...after, scoringSettings: undefined }).toEqual({ ...before, scoringSettings: undefined });
    // The original is untouched: whatever already holds it keeps a consistent snapshot.
    expect(before.scoringSettings).toEqual(resolveScoringSettings(overrides, 'UTC'));
  });
});

describe('requestCallerOf', () => {
  it('hands fields resolved later the replacing caller, without mutating the one replaced', () => {
    const first = caller();
    const request: AuthenticatedRequest = { headers: {}, caller: first };
    const handle = requestCallerOf(request);

    handle.replace(withTimeZone(handle.caller, 'Asia/Tokyo'));

    expect(request.caller?.scoringSettings.timeZone).toBe('Asia/Tokyo');
    expect(handle.caller).toBe(request.caller);
    expect(first.scoringSettings.timeZone).toBe('UTC');
  });

  it('refuses a caller of another business or key: a request keeps who is calling', () => {
    const request: AuthenticatedRequest = { headers: {}, caller: caller() };
    expect(() => requestCallerOf(request).replace({ ...caller(), businessId: 'other' })).toThrow();
    expect(() => requestCallerOf(request).replace({ ...caller(), apiKeyId: 'other' })).toThrow();
    expect(request.caller?.businessId).toBe('b');
  });
});
