export { AuditRepository, type AuditEntry } from './audit.repository.js';
export { ApiKeyRepository, type NewApiKey } from './api-key.repository.js';
export type { ApiKeyCredential, ApiKeySummary } from './api-key.repository.js';
export * from './insights.repository.js';
export {
  BusinessRepository,
  type BusinessScoringProfile,
  type BusinessScoringSettings,
  type NewBusiness,
} from './business.repository.js';
export * from './campaign.repository.js';
export {
  CustomerRepository,
  type CustomerScoreRow,
  type CustomerScoreUpdate,
  type RecordedBatch,
  type RefInteraction,
} from './customer.repository.js';
export * from './customer-record.js';
export * from './customer-directory.repository.js';
export * from './customer-activity.repository.js';
export * from './customer-erasure.repository.js';
export {
  InteractionRepository,
  interactionDedupeKey,
  type NewInteraction,
} from './interaction.repository.js';
export { OutboxRepository, type NewOutboxMessage, type OutboxMessage } from './outbox.repository.js';
export * from './redemption.repository.js';
export * from './tier.repository.js';
export * from './tier-move.repository.js';
export * from './tier-evaluation.repository.js';
export { RATE_LIMITS_TABLE, RateLimitStore } from './rate-limit-store.js';
export { LongWorkProgressRepository, type LongWorkRunKey } from './long-work-progress.repository.js';
