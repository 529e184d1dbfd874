import {
  buildDeadLetterHeaders,
  DEAD_LETTER_MESSAGE_MAX_LENGTH,
  DeadLetterHeaders,
  interactionKey,
  tierChangeKey,
  Topics,
} from './index.js';

describe('topics and keys', () => {
  it('names the topics', () => {
    expect(Topics).toEqual({
      interactions: 'loyalty.interactions.v1',
      tierChanges: 'loyalty.tier-changes.v1',
      interactionsDeadLetter: 'loyalty.interactions.dlq.v1',
    });
  });

  it('keys interactions by business and customerRef, tier changes by business and customerId', () => {
    expect(interactionKey('b', 'crm-1')).toBe('b:crm-1');
    expect(tierChangeKey('b', 'c')).toBe('b:c');
  });

  it('builds dead-letter headers as strings and truncates the message', () => {
    const headers = buildDeadLetterHeaders({
      originalTopic: Topics.interactions,
      originalPartition: 3,
      originalOffset: '42',
      errorClass: 'INVALID_PAYLOAD',
      errorMessage: 'x'.repeat(5000),
      failedAt: new Date('2024-05-01T00:00:00Z'),
    });
    expect(headers[DeadLetterHeaders.originalPartition]).toBe('3');
    expect(headers[DeadLetterHeaders.failedAt]).toBe('2024-05-01T00:00:00.000Z');
    expect(headers[DeadLetterHeaders.errorMessage]).toHaveLength(DEAD_LETTER_MESSAGE_MAX_LENGTH);
  });
});
