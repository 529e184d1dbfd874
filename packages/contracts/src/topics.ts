/**
 * Kafka topic names. The version suffix belongs to the topic's contract: a topic whose
 * key or partitioning changes incompatibly gets a new name rather than a silent edit.
 */
export const Topics = {
  /** Interactions recorded by the API or produced by partners. Keyed by {@link interactionKey}. */
  interactions: 'loyalty.interactions.v1',
  /** Tier changes and downgrade warnings, published by the worker's outbox relay. Keyed by {@link tierChangeKey}. */
  tierChanges: 'loyalty.tier-changes.v1',
  /** Interaction messages that can never be processed, with the reason in headers (see `dead-letter.ts`). */
  interactionsDeadLetter: 'loyalty.interactions.dlq.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/**
 * Message key for `loyalty.interactions.v1`. Kafka only orders messages within a
 * partition, and the partition is chosen from the key, so one customer's interactions
 * stay in order when they share this key.
 */
export function interactionKey(businessId: string, customerRef: string): string {
  return `${businessId}:${customerRef}`;
}

/** Message key for `loyalty.tier-changes.v1`: one customer's tier changes stay in order. */
export function tierChangeKey(businessId: string, customerId: string): string {
  return `${businessId}:${customerId}`;
}
