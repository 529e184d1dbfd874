import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The whole-business jobs the worker runs in batches after a change (one row per business and kind). */
export type LongWorkKind = 'TIER_LADDER' | 'SCORE_RECOMPUTE';

/**
 * How far the newest run of a long job got: the ladder's application to every customer, or the
 * recompute of every score. The sweep writes it in the transaction of each batch, beside the
 * cursor it resumes from, so the count is right after a crash.
 */
@Entity({ name: 'long_work_progress' })
export class LongWorkProgressEntity {
  @PrimaryColumn({ name: 'business_id', type: 'uuid' })
  businessId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: LongWorkKind;

  /** The ladder version or scoring version being applied. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'customers_done', type: 'integer' })
  customersDone!: number;

  /** Counted when the run starts, raised if more are done (customers created meanwhile), set to done at the end. */
  @Column({ name: 'customers_total', type: 'integer' })
  customersTotal!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
