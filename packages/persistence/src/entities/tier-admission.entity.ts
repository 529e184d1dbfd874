import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Admissions counted per tier and quota period (e.g. 2026-W48), taken atomically. */
@Entity({ name: 'tier_admissions' })
export class TierAdmissionEntity {
  @PrimaryColumn({ name: 'tier_id', type: 'uuid' })
  tierId!: string;

  @PrimaryColumn({ name: 'period_key', type: 'text' })
  periodKey!: string;

  @Column({ type: 'integer', default: 0 })
  admitted!: number;
}
