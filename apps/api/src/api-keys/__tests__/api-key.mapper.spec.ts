import { ApiKeyScope } from '../../auth/api-key-scope';
import { toApiKeyObject } from '../api-key.mapper';
import { ApiKeyErrorCode, ApiKeyException, rethrowApiKeyError } from '../api-keys.exception';

describe('toApiKeyObject', () => {
  it('shows the lookup prefix as `ic_<lookup>` and only scopes that still exist', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z');
    expect(
      toApiKeyObject({
        id: 'k1',
        businessId: 'b1',
        name: 'till',
        lookupPrefix: 'AbCdEfGh12345678',
        scopes: ['insights:read', 'retired:scope'],
        createdAt,
        lastUsedAt: null,
        revokedAt: null,
      }),
    ).toEqual({
      id: 'k1',
      name: 'till',
      prefix: 'ic_AbCdEfGh12345678',
      scopes: [ApiKeyScope.InsightsRead],
      createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  });
});

describe('api key errors', () => {
  it('turns NOT_FOUND into a client error and leaves anything else unexpected', () => {
    expect(() =>
      rethrowApiKeyError(new ApiKeyException(ApiKeyErrorCode.NotFound, 'No API key with id x')),
    ).toThrow(expect.objectContaining({ extensions: { code: 'NOT_FOUND', reason: 'API_KEY_NOT_FOUND' } }));
    const unexpected = new Error('db down');
    expect(() => rethrowApiKeyError(unexpected)).toThrow(unexpected);
  });
});
