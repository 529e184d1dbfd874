import { Inject, Injectable, Logger } from '@nestjs/common';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';
import {
  applyInteractions,
  initialScoreState,
  type Interaction,
  OccupancyNotExactError,
  resolveScoringSettings,
  type ScoreState,
} from '@inner-circle/domain';
import {
  type BusinessSnapshot,
  CustomerRepository,
  type CustomerScoreUpdate,
  LadderChangedDuringLockError,
  TierMoveCheckError,
  TierRepository,
  TransactionRunner,
  type Transaction,
} from '@inner-circle/persistence';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { ScoreRecomputeService } from '../scores/score-recompute.service.js';
import { toScoreUpdate } from '../scores/to-score-update.js';
import { TierEvaluationService, WORKER_EVENT_SOURCE } from '../tiers/tier-evaluation.service.js';
import { toDomainInteraction } from './to-domain-interaction.js';

export interface IngestOutcome {
  /** Interactions counted for the first time. */
  applied: number;
  /** Already processed before (redelivery): counted once only. */
  duplicates: number;
  /** Index (in the input) of events naming no known business: they can never succeed. */
  unknownBusiness: number[];
  /** Events (tier changes, warnings) committed to the outbox with the batch. */
  outboxEvents: number;
}

/**
 * How the tier rows are locked: narrow (exclusive only on the bounded tiers a plan reads), all
 * exclusive (the fallback), or not at all because no tier is decided (scores only).
 */
type TierLocking = 'narrow' | 'all' | 'none';

/**
 * Attempts with narrow locks before all tiers are locked exclusively: each one that fails found a
 * ladder committed between its snapshot and its locks, which is rare (a ladder change), so two
 * in a row mean ladder changes are coming fast and the exclusive locks, which wait for them, win.
 */
const NARROW_ATTEMPTS = 3;

/**
 * Applies a batch of recorded interactions in one transaction: dedupe by interaction id,
 * find or create each customer by its externalRef, and fold the new interactions into
 * the score with the domain's incremental rule.
 */
@Injectable()
export class InteractionIngestService {
  private readonly logger = new Logger(InteractionIngestService.name);

  constructor(
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(TierEvaluationService) private readonly tierEvaluation: TierEvaluationService,
    @Inject(ScoreRecomputeService) private readonly recompute: ScoreRecomputeService,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A tier decision whose re-check fails (a bug: see TierMoveCheckError) must not stall the
   * partition: the batch is applied again with its scores only, and loudly reported. The
   * customers are decided again at their next interaction or sweep.
   */
  async ingest(events: InteractionRecordedV1Payload[]): Promise<IngestOutcome> {
    try {
      return await this.ingestDeciding(events);
    } catch (error) {
      if (!(error instanceof TierMoveCheckError)) throw error;
      this.logger.error(
        { err: error },
        'tier decisions of a batch failed their check; applying its scores only',
      );
      this.metrics.tierDecisionsSkipped.inc(events.length);
      return this.ingestOnce(events, 'none');
    }
  }

  /**
   * With narrow tier locks first; the whole transaction runs again (a fresh snapshot) when the
   * ladder changed between its snapshot and its locks, and with every tier locked exclusively
   * after NARROW_ATTEMPTS such restarts, or at once when a plan read a count it did not lock.
   */
  private async ingestDeciding(events: InteractionRecordedV1Payload[]): Promise<IngestOutcome> {
    for (let attempt = 1; attempt <= NARROW_ATTEMPTS; attempt++) {
      try {
        return await this.ingestOnce(events, 'narrow');
      } catch (error) {
        if (error instanceof LadderChangedDuringLockError) {
          this.metrics.tierLockRestarts.inc({ reason: 'ladder_changed' });
          continue;
        }
        if (error instanceof OccupancyNotExactError) {
          // A bug in the exact set (the domain refused to decide on an unlocked count): loud, never silent.
          this.metrics.tierLockRestarts.inc({ reason: 'occupancy_not_exact' });
          this.logger.error(
            { err: error, tierId: error.tierId },
            'a tier plan read a count its narrow locks did not cover; locking every tier',
          );
          break;
        }
        throw error;
      }
    }
    return this.ingestOnce(events, 'all');
  }

  private ingestOnce(events: InteractionRecordedV1Payload[], locking: TierLocking): Promise<IngestOutcome> {
    return this.transactions.run(async (transaction) => {
      const businessIds = [...new Set(events.map((event) => event.businessId))];
      // Settings, ladder and queues of every business in one read, before any lock.
      const snapshots = await this.tiers.readSnapshots(businessIds, transaction);
      const outcome: IngestOutcome = { applied: 0, duplicates: 0, unknownBusiness: [], outboxEvents: 0 };

      const byBusiness = new Map<string, InteractionRecordedV1Payload[]>();
      events.forEach((event, index) => {
        if (!snapshots.has(event.businessId)) outcome.unknownBusiness.push(index);
        else {
          const group = byBusiness.get(event.businessId);
          if (group) group.push(event);
          else byBusiness.set(event.businessId, [event]);
        }
      });

      // Businesses in id order: each locks its tier rows, so two batches never wait on each other in a cycle.
      for (const [businessId, businessEvents] of [...byBusiness].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const { applied, outboxEvents } = await this.ingestForBusiness(
          transaction,
          businessId,
          businessEvents,
          snapshots.get(businessId)!,
          locking,
        );
        outcome.applied += applied;
        outcome.duplicates += businessEvents.length - applied;
        outcome.outboxEvents += outboxEvents;
      }
      return outcome;
    });
  }

  private async ingestForBusiness(
    transaction: Transaction,
    businessId: string,
    events: InteractionRecordedV1Payload[],
    snapshot: BusinessSnapshot,
    locking: TierLocking,
  ): Promise<{ applied: number; outboxEvents: number }> {
    const settings = resolveScoringSettings(snapshot.scoringSettings, snapshot.timeZone);
    const { customers, recorded } = await this.customers.lockOrCreateRecording(
      transaction,
      businessId,
      events.map(({ customerRef, interaction }) => ({
        customerRef,
        id: interaction.id,
        type: interaction.type,
        occurredAt: new Date(interaction.occurredAt),
        amount: interaction.amount ?? null,
        currency: interaction.currency ?? null,
        rating: interaction.rating ?? null,
        comment: interaction.comment ?? null,
        referredCustomerRef: interaction.referredCustomerRef ?? null,
        campaignId: interaction.campaignId ?? null,
      })),
    );
    const customerByRef = new Map(customers.map((customer) => [customer.externalRef, customer]));
    const customerById = new Map(customers.map((customer) => [customer.customerId, customer]));

    // Each customer's new interactions, folded in together; what cannot be folded in exactly
    // (too late for the state's detail, or a state of an older model) is recomputed from history.
    const fresh = new Map<string, { interactions: Interaction[]; lastSeen: Date | null }>();
    let applied = 0;
    for (const { customerRef, interaction } of events) {
      const customer = customerByRef.get(customerRef)!;
      // The same id twice in one batch is recorded once, for one customer; count it once too.
      if (!recorded.get(customer.customerId)?.delete(interaction.id)) continue;
      applied += 1;
      const entry = fresh.get(customer.customerId) ?? {
        interactions: [],
        lastSeen: customer.lastInteractionAt,
      };
      const occurredAt = new Date(interaction.occurredAt);
      entry.interactions.push(toDomainInteraction(interaction));
      if (!entry.lastSeen || occurredAt > entry.lastSeen) entry.lastSeen = occurredAt;
      fresh.set(customer.customerId, entry);
    }
    const updates = new Map<string, CustomerScoreUpdate>();
    const toRecompute: string[] = [];
    for (const [customerId, { interactions, lastSeen }] of fresh) {
      const stored = customerById.get(customerId)!.scoreState;
      const state = stored === null ? initialScoreState() : (stored as unknown as ScoreState);
      // Null for a state of an older model too: it is recomputed like a too-late event.
      const next = applyInteractions(state, interactions, settings);
      if (next === null) toRecompute.push(customerId);
      else updates.set(customerId, toScoreUpdate(customerId, next, settings, lastSeen));
    }
    if (toRecompute.length) {
      const states = await this.recompute.recompute(transaction, businessId, toRecompute, settings);
      for (const [customerId, state] of states)
        updates.set(customerId, toScoreUpdate(customerId, state, settings, fresh.get(customerId)!.lastSeen));
      this.metrics.scoreRecomputes.inc(toRecompute.length);
    }
    const scores = [...updates.values()];
    const writeScores = (some: readonly CustomerScoreUpdate[]) =>
      this.customers.updateScores(transaction, businessId, some);
    if (locking === 'none') {
      await writeScores(scores);
      return { applied, outboxEvents: 0 };
    }
    // Same transaction: a score and the tier it earns commit together, or not at all. The rows
    // are locked already; the decision reads them with their new score state, and writes the
    // scores of those it moves with their tier changes (one row version per customer).
    const scored = scores
      .map(({ id, scoreState, scoreKey }) => ({ ...customerById.get(id)!, scoreState, scoreKey }))
      .filter((customer) => !customer.erased);
    const outboxEvents = await this.tierEvaluation.evaluateLockedIfNeeded(
      transaction,
      businessId,
      scored,
      this.clock.now(),
      settings,
      snapshot,
      scores,
      writeScores,
      { source: WORKER_EVENT_SOURCE, narrowLocks: locking === 'narrow' },
    );
    return { applied, outboxEvents };
  }
}
