export { ApiKeyRepository, type NewApiKey } from './api-key.repository.js';
export { BusinessRepository, type BusinessScoringProfile, type NewBusiness } from './business.repository.js';
export {
  CustomerRepository,
  type CustomerScoreRow,
  type CustomerScoreUpdate,
} from './customer.repository.js';
export {
  InteractionRepository,
  interactionDedupeKey,
  type NewInteraction,
} from './interaction.repository.js';
export { OutboxRepository, type NewOutboxMessage, type OutboxMessage } from './outbox.repository.js';
export { TierRepository, type NewTier } from './tier.repository.js';
