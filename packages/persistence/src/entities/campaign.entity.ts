import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'campaigns' })
@Index('campaigns_business_status', ['businessId', 'status'])
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: 'DRAFT' })
  status!: string;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ name: 'audience_min_rank', type: 'integer', nullable: true })
  audienceMinRank!: number | null;

  @Column({ name: 'audience_tier_ids', type: 'uuid', array: true, nullable: true })
  audienceTierIds!: string[] | null;

  @Column({ name: 'cap_total', type: 'integer', nullable: true })
  capTotal!: number | null;

  @Column({ name: 'cap_per_customer', type: 'integer', nullable: true })
  capPerCustomer!: number | null;

  @Column({ name: 'cap_per_period', type: 'integer', nullable: true })
  capPerPeriod!: number | null;

  @Column({ name: 'cap_period', type: 'text', nullable: true })
  capPeriod!: 'DAY' | 'WEEK' | 'MONTH' | null;

  /** Counter taken with a conditional UPDATE so the total cap holds under concurrency. */
  @Column({ name: 'redeemed_count', type: 'integer', default: 0 })
  redeemedCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
