import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import {
  applyDecision,
  computeScore,
  type CustomerTierState,
  decideTier,
  type Interaction,
  type OccupancyByTier,
  type TierLadder,
} from '@inner-circle/domain';
import {
  CustomerActivityRepository,
  type PagedCustomer,
  type LadderRows,
  TierEvaluationRepository,
  TierRepository,
  toDomainInteraction,
  toTierLadder,
  type Transaction,
  TransactionRunner,
} from '@inner-circle/persistence';
import type { ScoringSettingsInput } from './dto/scoring-settings.input.js';
import type { ScoringSimulationObject } from './dto/scoring-simulation.object.js';
import { Float64List, spearmanCorrelation, TopScores } from './score-ranking.js';
import { ScoringSettingsService } from './scoring-settings.service.js';

/**
 * Customers per page: one statement for the page and one for its interactions. The worker's
 * recompute reads the same interactions in batches of 500; 1,000 keeps the round trips few
 * while a page's interactions stay a few MB for typical customers.
 */
const PAGE_SIZE = 1_000;
const TOP = 20;

/** The current ladder with today's seats, quotas and queues: what every decision is made against. */
interface PlacementView {
  ladder: TierLadder;
  occupancy: OccupancyByTier;
  rankOf: ReadonlyMap<string, number>;
}

@Injectable()
export class ScoringSimulationService {
  constructor(
    @Inject(ScoringSettingsService) private readonly settings: ScoringSettingsService,
    @Inject(CustomerActivityRepository) private readonly activity: CustomerActivityRepository,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(TierEvaluationRepository) private readonly evaluation: TierEvaluationRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Every customer's score as of `now` under the current and the proposed settings, each with
   * the domain's computeScore over the stored interactions, and where the current ladder's
   * decideTier would place them with each score. Pages through customers by id, keeping only
   * the counts, two top-20 lists and the score pairs (16 bytes a customer) for the correlation.
   * Writes nothing. Pages are read one after another (each statement its own snapshot): a
   * customer created during the run may or may not be counted.
   */
  async simulate(businessId: string, input: ScoringSettingsInput): Promise<ScoringSimulationObject> {
    const now = this.clock.now();
    const { current, proposal } = await this.settings.propose(businessId, input);
    const proposed = proposal.settings;
    const before = new Float64List();
    const after = new Float64List();
    const topBefore = new TopScores(TOP);
    const topAfter = new TopScores(TOP);
    const moved = { tierChangedCount: 0, upgradedCount: 0, downgradedCount: 0 };

    // One connection for every read, as the ladder what-if does; nothing is written.
    await this.transactions.run(async (tx) => {
      const placement = await this.placementView(tx, businessId, now);
      for (let afterId: string | null = null; ;) {
        const customers = await this.evaluation.pageCustomers(tx, businessId, afterId, PAGE_SIZE);
        if (!customers.length) break;
        const interactions = await this.interactionsOf(tx, businessId, customers);
        for (const customer of customers) {
          const own = interactions.get(customer.customerId) ?? [];
          const scoreBefore = computeScore(own, current, now);
          const scoreAfter = computeScore(own, proposed, now);
          before.push(scoreBefore);
          after.push(scoreAfter);
          const { customerId, externalRef } = customer;
          topBefore.offer({ customerId, externalRef, score: scoreBefore });
          topAfter.offer({ customerId, externalRef, score: scoreAfter });
          if (!placement) continue;
          const tierBefore = placeWith(placement, customer.tierState, scoreBefore, now);
          const tierAfter = placeWith(placement, customer.tierState, scoreAfter, now);
          if (tierBefore === tierAfter) continue;
          moved.tierChangedCount += 1;
          if (rankOf(placement, tierAfter) > rankOf(placement, tierBefore)) moved.upgradedCount += 1;
          else moved.downgradedCount += 1;
        }
        if (customers.length < PAGE_SIZE) break;
        afterId = customers[customers.length - 1].customerId;
      }
    });

    return {
      customerCount: before.length,
      ...moved,
      rankCorrelation: spearmanCorrelation(before.view(), after.view()),
      topBefore: topBefore.ranked(),
      topAfter: topAfter.ranked(),
    };
  }

  private async interactionsOf(
    tx: Transaction,
    businessId: string,
    customers: PagedCustomer[],
  ): Promise<Map<string, Interaction[]>> {
    const records = await this.activity.allInteractions(
      businessId,
      customers.map((customer) => customer.customerId),
      tx,
    );
    const byCustomer = new Map<string, Interaction[]>();
    for (const record of records) {
      const list = byCustomer.get(record.customerId);
      if (list) list.push(toDomainInteraction(record));
      else byCustomer.set(record.customerId, [toDomainInteraction(record)]);
    }
    return byCustomer;
  }

  /**
   * The ladder with today's occupancy, read once: capacity and quota apply as they stand now
   * (members, this period's admissions, the queue), the same for both scores, and no
   * simulated decision takes a seat from another. Null when the business has no tier.
   */
  private async placementView(tx: Transaction, businessId: string, now: Date): Promise<PlacementView | null> {
    const rows: LadderRows | null = await this.tiers.findLadder(businessId, tx);
    if (!rows?.tiers.length) return null;
    const ladder = toTierLadder(rows);
    // The occupancy the worker's plan starts from, read through the same repository method.
    const occupancy = await this.tiers.readOccupancy(businessId, rows.tiers, ladder, now, tx);
    return { ladder, occupancy, rankOf: new Map(ladder.tiers.map((tier) => [tier.id, tier.rank])) };
  }
}

/** The tier the customer holds after the domain's decision with this score (waiting or in grace: the same tier). */
function placeWith(view: PlacementView, state: CustomerTierState, score: number, now: Date): string | null {
  const customer = { ...state, score };
  return applyDecision(customer, decideTier(customer, view.ladder, view.occupancy, now), now).tierId;
}

/** A tier's rank (0 for no tier; a tier since archived counts as the lowest). */
function rankOf(view: PlacementView, tierId: string | null): number {
  return tierId === null ? 0 : (view.rankOf.get(tierId) ?? 0.5);
}
