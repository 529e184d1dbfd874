import {
  buildInteractionRecordedV1Event,
  INTERACTION_RECORDED_V1,
  InteractionRecordedV1Payload,
  interactionRecordedV1Example,
  InteractionType,
  parseEvent,
  serializeEvent,
  TIER_CHANGED_V1,
  TierChangedV1Payload,
  tierChangedV1Example,
  tierDowngradeWarningV1Example,
  validatePayload,
} from './index.js';

const BUSINESS = '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10';
const CAMPAIGN = '9c1d2e3f-4a5b-4c6d-8e7f-001122334455';

function interaction(overrides: Record<string, unknown>): Record<string, unknown> {
  return { id: 'i-1', type: 'VISIT', occurredAt: '2024-05-01T10:00:00Z', ...overrides };
}

function envelopeWith(data: unknown, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...interactionRecordedV1Example, data, ...overrides });
}

function interactionEvent(
  interactionFields: Record<string, unknown>,
  payloadOverrides: Record<string, unknown> = {},
): string {
  return envelopeWith({
    businessId: BUSINESS,
    customerRef: 'crm-1',
    interaction: interaction(interactionFields),
    ...payloadOverrides,
  });
}

describe('parseEvent: interaction.recorded.v1 payload rules', () => {
  it.each([
    ['a visit', {}],
    ['a purchase with amount and currency', { type: 'PURCHASE', amount: 10, currency: 'EUR' }],
    ['a zero-amount purchase', { type: 'PURCHASE', amount: 0, currency: 'USD' }],
    ['feedback with rating 1', { type: 'FEEDBACK', rating: 1 }],
    ['feedback with rating 5 and a comment', { type: 'FEEDBACK', rating: 5, comment: 'great' }],
    ['a referral', { type: 'REFERRAL', referredCustomerRef: 'crm-2' }],
    ['a campaign redemption', { type: 'CAMPAIGN_REDEMPTION', campaignId: CAMPAIGN }],
    ['a visit with an optional amount', { amount: 3, currency: 'GBP' }],
    ['optional fields given as null', { comment: null, rating: null, campaignId: null }],
    ['an offset timestamp', { occurredAt: '2024-05-01T12:00:00+02:00' }],
    ['a 200-char id', { id: 'x'.repeat(200) }],
    ['a 2000-char comment', { comment: 'c'.repeat(2000) }],
    ['the largest storable amount', { type: 'PURCHASE', amount: 999_999_999_999.99, currency: 'EUR' }],
  ])('accepts %s', (_name, fields) => {
    const result = parseEvent(interactionEvent(fields));
    expect(result).toMatchObject({ ok: true });
  });

  it.each([
    ['a purchase without amount', { type: 'PURCHASE', currency: 'EUR' }, 'interaction.amount'],
    ['a purchase without currency', { type: 'PURCHASE', amount: 10 }, 'interaction.currency'],
    ['a negative amount', { type: 'PURCHASE', amount: -1, currency: 'EUR' }, 'interaction.amount'],
    ['an amount given as text', { type: 'PURCHASE', amount: '10', currency: 'EUR' }, 'interaction.amount'],
    [
      'an infinite amount (null in JSON)',
      { type: 'PURCHASE', amount: Number.POSITIVE_INFINITY, currency: 'EUR' },
      'interaction.amount',
    ],
    ['an unknown currency', { type: 'PURCHASE', amount: 10, currency: 'EURO' }, 'interaction.currency'],
    ['a lowercase currency', { type: 'PURCHASE', amount: 10, currency: 'eur' }, 'interaction.currency'],
    ['a currency without amount', { currency: 'EUR' }, 'interaction.amount'],
    ['feedback without rating', { type: 'FEEDBACK' }, 'interaction.rating'],
    ['rating 0', { type: 'FEEDBACK', rating: 0 }, 'interaction.rating'],
    ['rating 6', { type: 'FEEDBACK', rating: 6 }, 'interaction.rating'],
    ['a fractional rating', { type: 'FEEDBACK', rating: 4.5 }, 'interaction.rating'],
    ['a 2001-char comment', { comment: 'c'.repeat(2001) }, 'interaction.comment'],
    ['a referral without referredCustomerRef', { type: 'REFERRAL' }, 'interaction.referredCustomerRef'],
    [
      'an empty referredCustomerRef',
      { type: 'REFERRAL', referredCustomerRef: '' },
      'interaction.referredCustomerRef',
    ],
    ['a redemption without campaignId', { type: 'CAMPAIGN_REDEMPTION' }, 'interaction.campaignId'],
    [
      'a redemption with a non-uuid campaignId',
      { type: 'CAMPAIGN_REDEMPTION', campaignId: 'summer' },
      'interaction.campaignId',
    ],
    ['an unknown interaction type', { type: 'TELEPATHY' }, 'interaction.type'],
    ['a missing id', { id: undefined }, 'interaction.id'],
    ['an empty id', { id: '' }, 'interaction.id'],
    ['a 201-char id', { id: 'x'.repeat(201) }, 'interaction.id'],
    ['a date without time', { occurredAt: '2024-05-01' }, 'interaction.occurredAt'],
    ['a timestamp without zone', { occurredAt: '2024-05-01T10:00:00' }, 'interaction.occurredAt'],
    ['an impossible date', { occurredAt: '2024-02-30T10:00:00Z' }, 'interaction.occurredAt'],
    ['an unknown interaction field', { points: 5 }, 'interaction.points'],
    // What numeric(14,2) and text cannot hold: refused at parse time (dead-lettered), not in the database.
    ['an amount of 1e13', { type: 'PURCHASE', amount: 1e13, currency: 'EUR' }, 'interaction.amount'],
    ['an amount of 1e308', { type: 'PURCHASE', amount: 1e308, currency: 'EUR' }, 'interaction.amount'],
    [
      'an amount that rounds past numeric(14,2)',
      { type: 'PURCHASE', amount: 999_999_999_999.999, currency: 'EUR' },
      'interaction.amount',
    ],
    ['a NUL byte in the id', { id: 'a\u0000b' }, 'interaction.id'],
    ['a NUL byte in the comment', { comment: 'nice\u0000' }, 'interaction.comment'],
    [
      'a NUL byte in the referredCustomerRef',
      { type: 'REFERRAL', referredCustomerRef: '\u0000' },
      'interaction.referredCustomerRef',
    ],
  ])('rejects %s', (_name, fields, path) => {
    const result = parseEvent(interactionEvent(fields));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('INVALID_PAYLOAD');
    expect(result.error.details.map((d) => d.path)).toContain(path);
  });

  it.each([
    ['a non-uuid businessId', { businessId: 'acme' }, 'businessId'],
    ['an empty customerRef', { customerRef: '' }, 'customerRef'],
    ['a 201-char customerRef', { customerRef: 'r'.repeat(201) }, 'customerRef'],
    ['a NUL byte in the customerRef', { customerRef: 'crm\u00001' }, 'customerRef'],
    ['a missing interaction', { interaction: undefined }, 'interaction'],
    ['an interaction given as text', { interaction: 'VISIT' }, 'interaction'],
    ['an unknown payload field', { customerId: BUSINESS }, 'customerId'],
  ])('rejects %s', (_name, payloadOverrides, path) => {
    const result = parseEvent(interactionEvent({}, payloadOverrides));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('INVALID_PAYLOAD');
    expect(result.error.details.map((d) => d.path)).toContain(path);
  });

  it('returns the event as parsed, data included, with nothing added or dropped', () => {
    const result = parseEvent(serializeEvent(interactionRecordedV1Example), INTERACTION_RECORDED_V1);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.event).toStrictEqual(JSON.parse(serializeEvent(interactionRecordedV1Example)));
    expect(result.event.data.interaction.amount).toBe(42.5);
  });

  it.each([
    [
      { type: 'PURCHASE', amount: -1, currency: 'EUR' },
      'interaction.amount',
      'amount must not be less than 0',
    ],
    [{ type: 'PURCHASE', amount: 10 }, 'interaction.currency', 'currency is required'],
    [{ type: 'FEEDBACK', rating: null }, 'interaction.rating', 'rating must not be null'],
    [{ type: 'FEEDBACK', rating: 4.5 }, 'interaction.rating', 'rating must be an integer'],
    [{ currency: 'eur', amount: 1 }, 'interaction.currency', 'currency must be an upper-case ISO 4217 code'],
    [{ comment: 'a\u0000' }, 'interaction.comment', 'comment must not contain NUL characters'],
    [{ id: 'x'.repeat(201) }, 'interaction.id', 'id must be at most 200 characters long'],
    [{ points: 5 }, 'interaction.points', 'property points should not exist'],
    [
      { occurredAt: '2024-02-30T10:00:00Z' },
      'interaction.occurredAt',
      'occurredAt must be an RFC 3339 timestamp',
    ],
    [{ type: 'CAMPAIGN_REDEMPTION', campaignId: 'x' }, 'interaction.campaignId', 'campaignId must be a UUID'],
    [{ type: 'TELEPATHY' }, 'interaction.type', 'type must be one of PURCHASE, VISIT'],
  ])('explains %j as one issue: %s — %s', (fields, path, message) => {
    const result = parseEvent(interactionEvent(fields));
    if (result.ok) throw new Error('accepted');
    expect(result.error.details).toHaveLength(1);
    expect(result.error.details[0].path).toBe(path);
    expect(Object.values(result.error.details[0].constraints)).toEqual([expect.stringContaining(message)]);
    expect(result.error.message).toContain(message);
  });
});

describe('parseEvent: tier.changed.v1 payload rules', () => {
  const data = tierChangedV1Example.data;
  const raw = (overrides: Record<string, unknown>): string =>
    JSON.stringify({ ...tierChangedV1Example, data: { ...data, ...overrides } });

  it.each([
    ['a first tier (previousTier null)', { previousTier: null, direction: 'UP' }],
    ['leaving the ladder (newTier null)', { newTier: null, direction: 'DOWN' }],
    ['a negative score', { score: -3 }],
  ])('accepts %s', (_name, overrides) => {
    expect(parseEvent(raw(overrides))).toMatchObject({ ok: true });
  });

  it.each([
    ['a missing previousTier key', { previousTier: undefined }, 'previousTier'],
    ['a tier without rank', { newTier: { id: data.customerId, name: 'Gold' } }, 'newTier.rank'],
    ['a tier with an extra field', { newTier: { ...data.newTier, colour: 'gold' } }, 'newTier.colour'],
    ['an unknown direction', { direction: 'SIDEWAYS' }, 'direction'],
    ['a reason with spaces', { reason: 'score went up' }, 'reason'],
    ['a fractional ruleVersion', { ruleVersion: 1.5 }, 'ruleVersion'],
    ['a score given as text', { score: '800' }, 'score'],
    ['a non-uuid customerId', { customerId: '42' }, 'customerId'],
  ])('rejects %s', (_name, overrides, path) => {
    const result = parseEvent(raw(overrides));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('INVALID_PAYLOAD');
    expect(result.error.details.map((d) => d.path)).toContain(path);
  });

  it('rejects a downgrade warning without target key', () => {
    const result = parseEvent(
      JSON.stringify({
        ...tierDowngradeWarningV1Example,
        data: { ...tierDowngradeWarningV1Example.data, targetTier: undefined },
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'INVALID_PAYLOAD' } });
  });
});

describe('parseEvent: envelope and framing', () => {
  it.each([
    ['an empty string', ''],
    ['truncated JSON', '{"specversion":"1.0",'],
    ['plain text', 'hello'],
  ])('reports MALFORMED_JSON for %s', (_name, raw) => {
    expect(parseEvent(raw)).toMatchObject({ ok: false, error: { kind: 'MALFORMED_JSON' } });
  });

  it('reports MALFORMED_JSON for a null value (tombstone)', () => {
    expect(parseEvent(null)).toMatchObject({ ok: false, error: { kind: 'MALFORMED_JSON' } });
  });

  it('accepts a Buffer', () => {
    expect(parseEvent(Buffer.from(serializeEvent(tierChangedV1Example)))).toMatchObject({
      ok: true,
      event: { type: TIER_CHANGED_V1 },
    });
  });

  it.each([
    ['a JSON array', '[]'],
    ['a JSON number', '42'],
    ['specversion 0.3', envelopeWith(interactionRecordedV1Example.data, { specversion: '0.3' })],
    ['a missing id', envelopeWith(interactionRecordedV1Example.data, { id: undefined })],
    ['a missing source', envelopeWith(interactionRecordedV1Example.data, { source: '' })],
    ['a missing time', envelopeWith(interactionRecordedV1Example.data, { time: undefined })],
    ['a bad time', envelopeWith(interactionRecordedV1Example.data, { time: 'yesterday' })],
    [
      'an XML datacontenttype',
      envelopeWith(interactionRecordedV1Example.data, { datacontenttype: 'application/xml' }),
    ],
    ['no data', envelopeWith(undefined)],
    ['data as a string', envelopeWith('{"businessId":"x"}')],
  ])('reports INVALID_ENVELOPE for %s', (_name, raw) => {
    expect(parseEvent(raw)).toMatchObject({ ok: false, error: { kind: 'INVALID_ENVELOPE' } });
  });

  it('names the failing envelope attribute', () => {
    const result = parseEvent(envelopeWith(interactionRecordedV1Example.data, { time: 'yesterday' }));
    expect(result.ok ? [] : result.error.details.map((d) => d.path)).toEqual(['time']);
  });

  it('tolerates CloudEvents extension attributes and keeps them', () => {
    const result = parseEvent(
      envelopeWith(interactionRecordedV1Example.data, { traceparent: '00-abc-def-01', partitionkey: 'k' }),
    );
    expect(result).toMatchObject({ ok: true, event: { traceparent: '00-abc-def-01' } });
  });

  it('reports UNKNOWN_TYPE for an unknown type', () => {
    const result = parseEvent(envelopeWith({}, { type: 'com.innercircle.interaction.recorded.v9' }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'UNKNOWN_TYPE' } });
  });

  it('reports UNKNOWN_TYPE for a known type other than the expected one', () => {
    const result = parseEvent(serializeEvent(tierChangedV1Example), INTERACTION_RECORDED_V1);
    expect(result).toMatchObject({ ok: false, error: { kind: 'UNKNOWN_TYPE' } });
  });

  it('never throws, whatever the input', () => {
    for (const raw of [
      '{"__proto__":{"x":1}}',
      '{"constructor":{}}',
      'null',
      '"str"',
      JSON.stringify({ ...tierChangedV1Example, data: [] }),
    ]) {
      expect(() => parseEvent(raw)).not.toThrow();
      expect(parseEvent(raw).ok).toBe(false);
    }
  });
});

describe('validatePayload and builders', () => {
  it('validates a payload exactly as parseEvent does', () => {
    const bad = {
      businessId: BUSINESS,
      customerRef: 'crm-1',
      interaction: interaction({ type: 'PURCHASE', amount: 5 }),
    };
    const direct = validatePayload(InteractionRecordedV1Payload, bad);
    const viaEvent = parseEvent(envelopeWith(bad));
    expect(direct.ok).toBe(false);
    expect(viaEvent.ok).toBe(false);
    if (direct.ok || viaEvent.ok) return;
    expect(viaEvent.error).toEqual(direct.error);
  });

  it('refuses a class that is not the payload of a known event type', () => {
    class Stranger {}
    expect(() => validatePayload(Stranger, {})).toThrow(/Stranger is not the payload class/);
  });

  it('rejects a non-object payload', () => {
    expect(validatePayload(TierChangedV1Payload, null)).toMatchObject({
      ok: false,
      error: { kind: 'INVALID_PAYLOAD' },
    });
  });

  it('builds an envelope whose subject is the message key and that parses back', () => {
    const payload = {
      businessId: BUSINESS,
      customerRef: 'crm-9',
      interaction: { id: 'v-1', type: InteractionType.VISIT, occurredAt: '2024-05-01T10:00:00Z' },
    };
    const event = buildInteractionRecordedV1Event(payload, {
      id: 'e-1',
      time: new Date('2024-05-01T10:00:01Z'),
      source: '/test',
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      type: INTERACTION_RECORDED_V1,
      subject: `${BUSINESS}:crm-9`,
      time: '2024-05-01T10:00:01.000Z',
      datacontenttype: 'application/json',
    });
    expect(parseEvent(serializeEvent(event), INTERACTION_RECORDED_V1)).toMatchObject({
      ok: true,
      event: { id: 'e-1', data: payload },
    });
  });
});
