import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'redemptions' })
@Index('redemptions_idempotency', ['businessId', 'idempotencyKey'], { unique: true })
@Index('redemptions_campaign_customer', ['campaignId', 'customerId'])
@Index('redemptions_campaign_period', ['campaignId', 'periodKey'])
export class RedemptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'tier_id', type: 'uuid', nullable: true })
  tierId!: string | null;

  @Column({ name: 'period_key', type: 'text', nullable: true })
  periodKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
