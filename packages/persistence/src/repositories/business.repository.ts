import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import { BusinessEntity } from '../entities/business.entity.js';

export interface NewBusiness {
  name: string;
  timeZone?: string;
}

export interface BusinessScoringProfile {
  timeZone: string;
  scoringSettings: Record<string, unknown> | null;
}

export class BusinessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    business: NewBusiness,
    manager: Transaction = this.dataSource.manager,
  ): Promise<BusinessEntity> {
    return manager
      .getRepository(BusinessEntity)
      .save({ name: business.name, timeZone: business.timeZone ?? 'UTC' });
  }

  findById(id: string): Promise<BusinessEntity | null> {
    return this.dataSource.getRepository(BusinessEntity).findOneBy({ id });
  }

  /** Scoring inputs of the given businesses; an id missing from the map is not a business. */
  async findScoringProfiles(
    ids: readonly string[],
    transaction: Transaction = this.dataSource.manager,
  ): Promise<Map<string, BusinessScoringProfile>> {
    const rows: { id: string; time_zone: string; scoring_settings: Record<string, unknown> | null }[] =
      await transaction.query(
        'SELECT id, time_zone, scoring_settings FROM businesses WHERE id = ANY($1::uuid[])',
        [ids],
      );
    return new Map(
      rows.map((row) => [row.id, { timeZone: row.time_zone, scoringSettings: row.scoring_settings }]),
    );
  }

  async exists(): Promise<boolean> {
    return this.dataSource.getRepository(BusinessEntity).exists();
  }
}
