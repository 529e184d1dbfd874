import { type DataSource, IsNull } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import { TierEntity } from '../entities/tier.entity.js';

export type NewTier = Pick<
  TierEntity,
  | 'name'
  | 'rank'
  | 'entryScore'
  | 'retainScore'
  | 'capacity'
  | 'quotaLimit'
  | 'quotaPeriod'
  | 'graceDays'
  | 'benefits'
>;

export class TierRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The business's current ladder, lowest rank first. */
  listActive(businessId: string): Promise<TierEntity[]> {
    return this.dataSource
      .getRepository(TierEntity)
      .find({ where: { businessId, archivedAt: IsNull() }, order: { rank: 'ASC' } });
  }

  async createMany(
    businessId: string,
    tiers: NewTier[],
    manager: Transaction = this.dataSource.manager,
  ): Promise<TierEntity[]> {
    return manager
      .getRepository(TierEntity)
      .save(tiers.map((tier) => ({ ...tier, businessId, memberCount: 0 })));
  }
}
