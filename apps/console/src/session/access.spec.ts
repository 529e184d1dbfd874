import { can, exactAccess, findOwnKey, probedAccess, withDenied } from './access';

describe('access', () => {
  it('an admin key may do everything', () => {
    const access = exactAccess(['Admin']);
    expect(can(access, 'TiersWrite')).toEqual({ allowed: true });
    expect(can(access, 'InsightsRead')).toEqual({ allowed: true });
  });

  it('exact scopes disable the rest with the missing scope named', () => {
    const access = exactAccess(['CustomersRead']);
    expect(can(access, 'CustomersRead').allowed).toBe(true);
    expect(can(access, 'TiersWrite')).toEqual({
      allowed: false,
      reason: 'This API key does not have the tiers:write scope.',
    });
  });

  it('probed access assumes unknown writes allowed until the API says FORBIDDEN', () => {
    let access = probedAccess([
      ['CustomersRead', true],
      ['InsightsRead', false],
    ]);
    expect(can(access, 'InsightsRead').allowed).toBe(false);
    expect(can(access, 'Admin').allowed).toBe(false);
    expect(can(access, 'CampaignsWrite').allowed).toBe(true);
    access = withDenied(access, 'CampaignsWrite');
    expect(can(access, 'CampaignsWrite')).toEqual({
      allowed: false,
      reason: 'The API refused this key: it needs the campaigns:write scope.',
    });
  });

  it('finds the signed-in key by its public prefix, ignoring revoked keys', () => {
    const keys = [
      { prefix: 'ic_abc', revokedAt: '2026-01-01T00:00:00Z', scopes: ['Admin'] },
      { prefix: 'ic_def', revokedAt: null, scopes: ['CustomersRead'] },
      { prefix: 'ic_abc', revokedAt: null, scopes: ['InsightsRead'] },
    ];
    expect(findOwnKey(keys, 'ic_abc_secret')?.scopes).toEqual(['InsightsRead']);
    expect(findOwnKey(keys, 'ic_zzz_secret')).toBeUndefined();
  });
});
