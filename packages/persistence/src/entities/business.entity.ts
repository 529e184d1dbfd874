import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'businesses' })
export class BusinessEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** IANA zone: quota and cap periods start at local midnight / Monday. */
  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone!: string;

  /** Overrides of the domain's default scoring weights; null means the defaults. */
  @Column({ name: 'scoring_settings', type: 'jsonb', nullable: true })
  scoringSettings!: Record<string, unknown> | null;

  /** Bumped by every ladder change so tier-change events say which rules decided them. */
  @Column({ name: 'ladder_version', type: 'integer', default: 0 })
  ladderVersion!: number;

  /** The ladder version every customer has been re-evaluated under (the worker catches up to ladderVersion). */
  @Column({ name: 'evaluated_ladder_version', type: 'integer', default: 0 })
  evaluatedLadderVersion!: number;

  /** Last customer id re-evaluated under the newest ladder, so a crashed re-evaluation resumes there. */
  @Column({ name: 'reevaluation_cursor', type: 'uuid', nullable: true })
  reevaluationCursor!: string | null;

  /** Raised when the score model or the business's scoring settings change. */
  @Column({ name: 'scoring_version', type: 'integer', default: 2 })
  scoringVersion!: number;

  /** The scoring version every stored score was recomputed under (the sweep catches up). */
  @Column({ name: 'scores_recomputed_version', type: 'integer', default: 2 })
  scoresRecomputedVersion!: number;

  /** The last customer (id order) of a recompute in progress, so it resumes after a crash. */
  @Column({ name: 'score_recompute_cursor', type: 'uuid', nullable: true })
  scoreRecomputeCursor!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
