import { ApiKeyEntity } from './api-key.entity.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { BusinessEntity } from './business.entity.js';
import { CampaignEntity } from './campaign.entity.js';
import { CustomerEntity } from './customer.entity.js';
import { InteractionEntity } from './interaction.entity.js';
import { LongWorkProgressEntity, type LongWorkKind } from './long-work-progress.entity.js';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { RedemptionEntity } from './redemption.entity.js';
import { TierAdmissionEntity } from './tier-admission.entity.js';
import { TierChangeEntity } from './tier-change.entity.js';
import { TierEntity } from './tier.entity.js';

export {
  ApiKeyEntity,
  AuditEntryEntity,
  BusinessEntity,
  CampaignEntity,
  CustomerEntity,
  InteractionEntity,
  LongWorkProgressEntity,
  OutboxMessageEntity,
  RedemptionEntity,
  TierAdmissionEntity,
  TierChangeEntity,
  TierEntity,
  type LongWorkKind,
};

export const entities = [
  ApiKeyEntity,
  AuditEntryEntity,
  BusinessEntity,
  CampaignEntity,
  CustomerEntity,
  InteractionEntity,
  LongWorkProgressEntity,
  OutboxMessageEntity,
  RedemptionEntity,
  TierAdmissionEntity,
  TierChangeEntity,
  TierEntity,
];
