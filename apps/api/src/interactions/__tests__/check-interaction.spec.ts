import { InteractionType } from '@inner-circle/domain';
import type { InteractionInput } from '../dto/interaction.input';
import { checkInteraction, MAX_CLOCK_SKEW_MS } from '../check-interaction';
import {
  InteractionErrorCode,
  InteractionException,
  toInteractionClientError,
} from '../interactions.exception';

const BUSINESS = '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10';
const NOW = new Date('2026-03-02T10:00:00Z');

const item = (fields: Partial<InteractionInput>): InteractionInput => ({
  id: 'i-1',
  customerExternalRef: 'crm-1',
  type: InteractionType.VISIT,
  ...fields,
});

describe('checkInteraction', () => {
  it('builds the contract payload for the caller’s business, dated now by default, without empty fields', () => {
    const check = checkInteraction(BUSINESS, item({ comment: null, amount: undefined }), NOW);
    expect(check).toEqual({
      ok: true,
      payload: expect.objectContaining({
        businessId: BUSINESS,
        customerRef: 'crm-1',
        interaction: expect.objectContaining({ id: 'i-1', type: 'VISIT', occurredAt: NOW.toISOString() }),
      }),
    });
    if (check.ok) expect(Object.keys(check.payload.interaction).sort()).toEqual(['id', 'occurredAt', 'type']);
  });

  it.each([
    [{ type: InteractionType.FEEDBACK, rating: 7 }, 'rating'],
    [{ type: InteractionType.FEEDBACK }, 'rating'],
    [{ type: InteractionType.PURCHASE }, 'amount'],
    [{ type: InteractionType.PURCHASE, amount: -1, currency: 'EUR' }, 'amount'],
    [{ type: InteractionType.PURCHASE, amount: 5 }, 'currency'],
    [{ type: InteractionType.REFERRAL }, 'referredCustomerRef'],
    [{ type: InteractionType.CAMPAIGN_REDEMPTION, campaignId: 'x' }, 'campaignId'],
    [{ customerExternalRef: '' }, 'customerExternalRef'],
    [{ id: 'x'.repeat(201) }, 'id'],
    [{ comment: 'x'.repeat(2001) }, 'comment'],
  ] as [Partial<InteractionInput>, string][])('names the field of an invalid item %#', (fields, field) => {
    const check = checkInteraction(BUSINESS, item(fields), NOW);
    expect(check).toMatchObject({ ok: false, code: InteractionErrorCode.INVALID_INTERACTION });
    if (!check.ok) expect(check.fieldErrors.map((e) => e.field)).toEqual([field]);
  });

  it('accepts up to a day ahead and refuses beyond, as the worker does', () => {
    const limit = new Date(NOW.getTime() + MAX_CLOCK_SKEW_MS);
    expect(checkInteraction(BUSINESS, item({ occurredAt: limit }), NOW).ok).toBe(true);
    expect(
      checkInteraction(BUSINESS, item({ occurredAt: new Date(limit.getTime() + 1) }), NOW),
    ).toMatchObject({
      ok: false,
      code: InteractionErrorCode.OCCURRED_IN_FUTURE,
      fieldErrors: [{ field: 'occurredAt' }],
    });
  });
});

describe('toInteractionClientError', () => {
  const expected: Record<InteractionErrorCode, string> = {
    [InteractionErrorCode.INVALID_INTERACTION]: 'BAD_USER_INPUT',
    [InteractionErrorCode.OCCURRED_IN_FUTURE]: 'BAD_USER_INPUT',
    [InteractionErrorCode.UNKNOWN_CAMPAIGN]: 'NOT_FOUND',
  };

  it.each(Object.values(InteractionErrorCode))('maps %s to its client code with the field errors', (code) => {
    const fieldErrors = [{ field: 'rating', messages: ['too high'] }];
    const error = toInteractionClientError(new InteractionException(code, 'bad', fieldErrors));
    expect(error.extensions).toEqual({ code: expected[code], reason: code, fieldErrors });
  });
});
