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

/** A business's stored scoring overrides with the version every change raises. */
export interface BusinessScoringSettings extends BusinessScoringProfile {
  /** Raised by every change of the settings (and of the model); the sweep recomputes scores up to it. */
  scoringVersion: number;
  /** The version every stored score has been recomputed under. */
  scoresRecomputedVersion: number;
}

interface RawScoringSettingsRow {
  time_zone: string;
  scoring_settings: Record<string, unknown> | null;
  scoring_version: number;
  scores_recomputed_version: number;
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

  /** The business's scoring overrides, time zone and versions; null when it is not a business. */
  findScoringSettings(businessId: string): Promise<BusinessScoringSettings | null> {
    return this.readScoringSettings(this.dataSource.manager, businessId, '');
  }

  /** The same, with the business row locked for the rest of the transaction (settings changes queue here). */
  lockScoringSettings(transaction: Transaction, businessId: string): Promise<BusinessScoringSettings | null> {
    return this.readScoringSettings(transaction, businessId, ' FOR UPDATE');
  }

  /**
   * Stores the business's scoring overrides, raises its scoring version and restarts the score
   * recompute from the first customer (the sweep then rebuilds every score under the new
   * settings). Returns the new version. Call with the row locked (lockScoringSettings).
   */
  async saveScoringSettings(
    transaction: Transaction,
    businessId: string,
    overrides: Record<string, unknown>,
  ): Promise<number> {
    const [rows]: [{ scoring_version: number }[], number] = await transaction.query(
      `UPDATE businesses SET scoring_settings = $2::jsonb, scoring_version = scoring_version + 1,
              score_recompute_cursor = NULL
        WHERE id = $1 RETURNING scoring_version`,
      [businessId, JSON.stringify(overrides)],
    );
    if (!rows[0]) throw new Error(`business ${businessId} is missing`);
    return rows[0].scoring_version;
  }

  private async readScoringSettings(
    transaction: Transaction,
    businessId: string,
    lock: '' | ' FOR UPDATE',
  ): Promise<BusinessScoringSettings | null> {
    const [row]: RawScoringSettingsRow[] = await transaction.query(
      `SELECT time_zone, scoring_settings, scoring_version, scores_recomputed_version
         FROM businesses WHERE id = $1${lock}`,
      [businessId],
    );
    return row
      ? {
          timeZone: row.time_zone,
          scoringSettings: row.scoring_settings,
          scoringVersion: row.scoring_version,
          scoresRecomputedVersion: row.scores_recomputed_version,
        }
      : null;
  }

  /** The scoring version and the recompute's progress, locked for the rest of the transaction. */
  async lockScoreRecompute(
    transaction: Transaction,
    businessId: string,
  ): Promise<{ scoringVersion: number; recomputedVersion: number; cursor: string | null } | null> {
    const [row]: {
      scoring_version: number;
      scores_recomputed_version: number;
      score_recompute_cursor: string | null;
    }[] = await transaction.query(
      `SELECT scoring_version, scores_recomputed_version, score_recompute_cursor FROM businesses
        WHERE id = $1 FOR UPDATE`,
      [businessId],
    );
    return row
      ? {
          scoringVersion: row.scoring_version,
          recomputedVersion: row.scores_recomputed_version,
          cursor: row.score_recompute_cursor,
        }
      : null;
  }

  /** Records a finished recompute batch: its last customer, or (done) the version every score now has. */
  async saveScoreRecomputeProgress(
    transaction: Transaction,
    businessId: string,
    progress: { cursor: string } | { completedVersion: number },
  ): Promise<void> {
    if ('cursor' in progress) {
      await transaction.query('UPDATE businesses SET score_recompute_cursor = $2 WHERE id = $1', [
        businessId,
        progress.cursor,
      ]);
    } else {
      await transaction.query(
        `UPDATE businesses SET scores_recomputed_version = GREATEST(scores_recomputed_version, $2),
                score_recompute_cursor = NULL WHERE id = $1`,
        [businessId, progress.completedVersion],
      );
    }
  }

  async exists(): Promise<boolean> {
    return this.dataSource.getRepository(BusinessEntity).exists();
  }
}
