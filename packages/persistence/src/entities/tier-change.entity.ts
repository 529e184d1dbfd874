import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'tier_changes' })
@Index('tier_changes_customer_at', ['customerId', 'occurredAt'])
@Index('tier_changes_business_at', ['businessId', 'occurredAt'])
export class TierChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'from_tier_id', type: 'uuid', nullable: true })
  fromTierId!: string | null;

  @Column({ name: 'to_tier_id', type: 'uuid', nullable: true })
  toTierId!: string | null;

  @Column({ type: 'text' })
  direction!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ name: 'ladder_version', type: 'integer' })
  ladderVersion!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
