import { Inject, Injectable } from '@nestjs/common';
import { type ScoreState, type ScoringSettings, scoreStateOf } from '@inner-circle/domain';
import {
  CustomerActivityRepository,
  type CustomerScoreUpdate,
  toDomainInteraction,
  type Transaction,
} from '@inner-circle/persistence';
import { toScoreUpdate } from './to-score-update.js';

/**
 * Rebuilds scores from every stored interaction, inside the caller's transaction: for events too
 * late for the incremental state, states of an older model, and changed scoring settings.
 */
@Injectable()
export class ScoreRecomputeService {
  constructor(@Inject(CustomerActivityRepository) private readonly activity: CustomerActivityRepository) {}

  async recompute(
    transaction: Transaction,
    businessId: string,
    customerIds: readonly string[],
    settings: ScoringSettings,
  ): Promise<Map<string, ScoreState>> {
    const states = new Map<string, ScoreState>();
    if (!customerIds.length) return states;
    const records = await this.activity.allInteractions(businessId, customerIds, transaction);
    const byCustomer = new Map<string, ReturnType<typeof toDomainInteraction>[]>(
      customerIds.map((id) => [id, []]),
    );
    for (const record of records) byCustomer.get(record.customerId)?.push(toDomainInteraction(record));
    for (const [id, interactions] of byCustomer) states.set(id, scoreStateOf(interactions, settings));
    return states;
  }

  /** The rows to write for recomputed customers (their last interaction date is kept as stored). */
  updatesOf(states: Map<string, ScoreState>, settings: ScoringSettings): CustomerScoreUpdate[] {
    return [...states].map(([id, state]) => toScoreUpdate(id, state, settings, null));
  }
}
