import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One processed interaction. The primary key (business, client-supplied id) is also the
 * consumer's dedupe record: inserting it in the same transaction as the score update
 * makes redelivery harmless.
 */
@Entity({ name: 'interactions' })
@Index('interactions_customer_occurred', ['customerId', 'occurredAt'])
export class InteractionEntity {
  @PrimaryColumn({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'smallint', nullable: true })
  rating!: number | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'referred_customer_ref', type: 'text', nullable: true })
  referredCustomerRef!: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
