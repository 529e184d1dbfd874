import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'tiers' })
@Index('tiers_business_rank_active', ['businessId', 'rank'], { unique: true, where: 'archived_at IS NULL' })
export class TierEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 1 is the lowest tier. */
  @Column({ type: 'integer' })
  rank!: number;

  @Column({ name: 'entry_score', type: 'double precision' })
  entryScore!: number;

  @Column({ name: 'retain_score', type: 'double precision' })
  retainScore!: number;

  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  /** Seat counter kept beside the capacity so taking a seat is one conditional UPDATE. */
  @Column({ name: 'member_count', type: 'integer', default: 0 })
  memberCount!: number;

  @Column({ name: 'quota_limit', type: 'integer', nullable: true })
  quotaLimit!: number | null;

  @Column({ name: 'quota_period', type: 'text', nullable: true })
  quotaPeriod!: 'WEEK' | 'MONTH' | null;

  @Column({ name: 'grace_days', type: 'integer', default: 0 })
  graceDays!: number;

  @Column({ type: 'text', nullable: true })
  benefits!: string | null;

  /** How the admission quota is spent: CONTINUOUS (first qualifiers) or ROUNDS (best of the waitlist at each period). */
  @Column({ name: 'admission_mode', type: 'text', default: 'CONTINUOUS' })
  admissionMode!: 'CONTINUOUS' | 'ROUNDS';

  /** ROUNDS: the period key of the last admission round held. */
  @Column({ name: 'round_held_for', type: 'text', nullable: true })
  roundHeldFor!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
