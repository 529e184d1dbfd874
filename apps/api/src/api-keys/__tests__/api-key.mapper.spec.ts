import { ApiKeyScope } from '../../auth/api-key-scope';
import { toApiKeyObject } from '../api-key.mapper';
import { ApiKeyErrorCode, ApiKeyException, toApiKeyClientError } from '../api-keys.exception';

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
  it('turns NOT_FOUND into a client error', () => {
    const error = toApiKeyClientError(new ApiKeyException(ApiKeyErrorCode.NotFound, 'No API key with id x'));
    expect(error.message).toBe('No API key with id x');
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', reason: 'API_KEY_NOT_FOUND' });
  });
});
