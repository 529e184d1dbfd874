import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'customers' })
@Index('customers_business_external_ref', ['businessId', 'externalRef'], { unique: true })
@Index('customers_business_score_key', ['businessId', 'scoreKey', 'id'])
@Index('customers_business_tier_score_key', ['businessId', 'tierId', 'scoreKey'])
// Partial: only the few rows waiting or in grace are indexed, so the many score updates skip them.
@Index('customers_waitlist', ['businessId', 'waitlistedForTierId', 'scoreKey'], {
  where: 'waitlisted_for_tier_id IS NOT NULL AND erased_at IS NULL',
})
@Index('customers_grace', ['businessId', 'graceUntil'], { where: 'grace_until IS NOT NULL' })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @Column({ name: 'external_ref', type: 'text' })
  externalRef!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'marketing_consent', type: 'boolean', default: false })
  marketingConsent!: boolean;

  /** Score as of `score_as_of`; decayed to "now" when read. */
  @Column({ type: 'double precision', default: 0 })
  score!: number;

  @Column({ name: 'score_as_of', type: 'timestamptz', nullable: true })
  scoreAsOf!: Date | null;

  /**
   * The domain's time-invariant rank key (scoreRankKey): ordering by it is ordering by the score
   * as of now. −Infinity for no points, so they sort last without NULL handling.
   */
  @Column({ name: 'score_key', type: 'double precision', default: () => "'-Infinity'" })
  scoreKey!: number;

  /** The domain's incremental score state (bounded in size). */
  @Column({ name: 'score_state', type: 'jsonb', nullable: true })
  scoreState!: Record<string, unknown> | null;

  @Column({ name: 'tier_id', type: 'uuid', nullable: true })
  tierId!: string | null;

  @Column({ name: 'tier_since', type: 'timestamptz', nullable: true })
  tierSince!: Date | null;

  @Column({ name: 'grace_until', type: 'timestamptz', nullable: true })
  graceUntil!: Date | null;

  @Column({ name: 'waitlisted_for_tier_id', type: 'uuid', nullable: true })
  waitlistedForTierId!: string | null;

  @Column({ name: 'qualified_at', type: 'timestamptz', nullable: true })
  qualifiedAt!: Date | null;

  @Column({ name: 'lock_tier_id', type: 'uuid', nullable: true })
  lockTierId!: string | null;

  @Column({ name: 'lock_until', type: 'timestamptz', nullable: true })
  lockUntil!: Date | null;

  @Column({ name: 'lock_reason', type: 'text', nullable: true })
  lockReason!: string | null;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt!: Date;

  @Column({ name: 'last_interaction_at', type: 'timestamptz', nullable: true })
  lastInteractionAt!: Date | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
