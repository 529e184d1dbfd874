import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  isBoundedTier,
  mayChangeTiers,
  type PlanCustomer,
  type PlannedMove,
  planTierMoves,
  recordedReasonOf,
  type TierOccupancy,
  resolveScoringSettings,
  type ScoringSettings,
  scoreFromRankKey,
  type TierLadder,
  type TierPlan,
  tiersAPlanReads,
  type WaitlistHeadRequest,
  waitlistHeadRequests,
} from '@inner-circle/domain';
import {
  type AppliedTierMove,
  BusinessRepository,
  type CheckedMoveBatch,
  type BusinessSnapshot,
  type CustomerScoreUpdate,
  type EvaluationCustomer,
  type KnownTier,
  OutboxRepository,
  TierEvaluationRepository,
  type TierMove,
  TierMoveCheckError,
  TierMoveRepository,
  TierRepository,
  toTierLadder,
  type Transaction,
} from '@inner-circle/persistence';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { downgradeWarningMessageOf, isRecorded, tierChangedMessageOf } from './tier-events.js';

/** CloudEvents source of the events the worker produces (its ingest and its sweep). */
export const WORKER_EVENT_SOURCE = '/inner-circle/worker';

export interface EvaluationOptions {
  /** Customers being erased: they give their seat back and leave any queue (the domain's `leaving`). */
  leaving?: readonly string[];
  /**
   * CloudEvents source of the events written: the producer that caused them (WORKER_EVENT_SOURCE
   * for the worker's ingest and sweep, the api's own for its locks and erasures). Required: a
   * producer's events never pass for another's.
   */
  source: string;
  /**
   * New scores of the customers (the ingest's), written in the decision's customer statement:
   * one statement and one new row version per customer for score and tier together.
   */
  scores?: readonly CustomerScoreUpdate[];
}

/**
 * The ingest's narrow tier locks: the tiers to hold FOR UPDATE (computed on the snapshot's ladder)
 * and that ladder's version, which the locks must find unchanged.
 */
interface NarrowLocks {
  exclusiveTierIds: ReadonlySet<string>;
  version: number;
}

/** What one evaluation needs to know about the business, loaded once per call. */
interface BusinessView {
  businessId: string;
  ladder: TierLadder;
  timeZone: string;
  /** Tier rows this transaction holds: seats may move only between these. */
  lockedTierIds: ReadonlySet<string>;
  /**
   * Tier rows held FOR UPDATE when the locks are narrow (the others are held FOR SHARE: only
   * unbounded tiers among them may gain or lose a seat, appended as a seat change); undefined
   * when every tier row is held FOR UPDATE.
   */
  exactTierIds?: ReadonlySet<string>;
  /** The ladder and the archived tiers customers hold, as the move writer and the events need them. */
  knownTiers: ReadonlyMap<string, KnownTier>;
  /** Ranks of the archived tiers customers hold: the domain's directions compare them. */
  archivedTierRanks: Readonly<Record<string, number>>;
  /** Exact while the tier rows are locked: decisions update it as they take and free seats. */
  occupancy: Record<string, TierOccupancy>;
  scoreOf: (customer: EvaluationCustomer) => number;
  settings: ScoringSettings;
  now: Date;
  leaving: ReadonlySet<string>;
  source: string;
}

/**
 * Decides the tier of some customers of one business with the domain's decideTier, inside
 * the caller's transaction. The customers' rows are locked, then the ladder's tier rows, so
 * the occupancy read next cannot change until commit. The domain's planTierMoves then decides
 * the whole batch, serves the waitlists (ROUNDS tiers once per period) and returns one plan,
 * which is written at once: seats and history by the one tier-move writer
 * (TierMoveRepository.applyCheckedMoves), then the plan's events, built here from its moves
 * (tier-events.ts), by the one outbox writer (OutboxRepository.add). Used after interactions,
 * by the sweep (grace, ladder re-evaluation, score recomputes, rounds), and by the api's locks
 * and erasures.
 */
@Injectable()
export class TierEvaluationService {
  private readonly logger = new Logger(TierEvaluationService.name);

  constructor(
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(TierMoveRepository) private readonly moves: TierMoveRepository,
    @Inject(TierEvaluationRepository) private readonly evaluation: TierEvaluationRepository,
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  /**
   * Locks the customers, then decides. With no customers, only the waitlist admission pass
   * runs. Returns how many events (tier changes, warnings) went to the outbox.
   */
  async evaluate(
    transaction: Transaction,
    businessId: string,
    customerIds: string[],
    now: Date,
    settings: ScoringSettings | undefined,
    options: EvaluationOptions,
  ): Promise<number> {
    const customers = await this.evaluation.lockCustomers(transaction, businessId, customerIds);
    return this.evaluateLocked(transaction, businessId, customers, now, settings, options);
  }

  /**
   * For callers that hold the customers' rows locked already (the ingest batch) and may pass
   * the business's scoring settings they resolved. The domain's planTierMoves decides; this
   * service only gathers its input (locked rows, occupancy, waitlist heads) and writes its plan.
   */
  async evaluateLocked(
    transaction: Transaction,
    businessId: string,
    customers: EvaluationCustomer[],
    now: Date,
    settings: ScoringSettings | undefined,
    options: EvaluationOptions,
  ): Promise<number> {
    return (await this.decideLocked(transaction, businessId, customers, now, settings, options)) ?? 0;
  }

  /** evaluateLocked's work; null when the business has no ladder (nothing decided, nothing written). */
  private async decideLocked(
    transaction: Transaction,
    businessId: string,
    customers: EvaluationCustomer[],
    now: Date,
    settings: ScoringSettings | undefined,
    options: EvaluationOptions,
    narrow?: NarrowLocks,
  ): Promise<number | null> {
    // Customers before tiers: the order every writer takes its locks in. The tiers they hold
    // (archived ones too) are locked with the ladder, so no seat is locked later out of order.
    const held = customers.map((customer) => customer.tierState.tierId);
    const view = await this.viewOf(transaction, businessId, held, now, settings, options, narrow);
    if (!view) return null;
    const batch = new Map(customers.map((customer) => [customer.customerId, customer]));
    const planCustomers = customers.map((customer) => this.planCustomerOf(view, customer));
    let plan = this.plan(view, planCustomers, {});
    // Seats or a round open for a queue: bring its head (customers not in the batch) and plan again.
    // Sized by the domain on the plan's occupancy after, as the what-if sizes it.
    const queues = waitlistHeadRequests(view.ladder, plan, view.exactTierIds);
    let cutShort: ReadonlySet<string> = new Set();
    if (queues.length) {
      const heads = await this.waitlistHeads(transaction, view, queues, batch);
      cutShort = heads.cutShort;
      if (Object.keys(heads.waitlists).length) {
        for (const customer of heads.locked) batch.set(customer.customerId, customer);
        plan = this.plan(view, planCustomers, heads.waitlists);
      }
    }
    // A round whose queue this plan could not read whole (rows busy in another transaction) is
    // not spent: the next plan of the period holds it with the queue it can see.
    if (cutShort.size) plan = { ...plan, roundsHeld: plan.roundsHeld.filter((r) => !cutShort.has(r.tierId)) };
    return this.write(transaction, view, plan, batch, options.scores ?? []);
  }

  /**
   * For the ingest, whose customers are locked and scored: most batches change scores and no tier,
   * and those should not queue on the business's tier rows. The batch is planned first on the
   * snapshot the ingest read before any lock; only when the domain says it may change a tier
   * (mayChangeTiers) are the tier rows locked and the batch decided again on the exact occupancy
   * (evaluateLocked). A batch that skips the locks writes no seat, so it cannot overfill one.
   *
   * Every score is written once: through `writeScores` when no tier is decided, otherwise in the
   * decision's own customer statement, whether the plan moves the customer or not (one statement
   * for the batch, one row version per customer for score and tier together). Under narrow locks
   * the tier rows most batches hold are shared, so the rows written while they are held cost no
   * other batch a wait. Whoever the exact decision moves is moved either way.
   */
  async evaluateLockedIfNeeded(
    transaction: Transaction,
    businessId: string,
    customers: EvaluationCustomer[],
    now: Date,
    settings: ScoringSettings,
    snapshot: BusinessSnapshot,
    scores: readonly CustomerScoreUpdate[],
    writeScores: (scores: readonly CustomerScoreUpdate[]) => Promise<void>,
    options: Pick<EvaluationOptions, 'source'> & {
      /**
       * Lock FOR UPDATE only the bounded tiers the plan reads, the others FOR SHARE (the ingest's
       * first attempts). May throw LadderChangedDuringLockError (run the transaction again) or
       * OccupancyNotExactError (a bug: run it again with every tier exclusive).
       */
      narrowLocks?: boolean;
    },
  ): Promise<number> {
    if (!customers.length) {
      await writeScores(scores);
      return 0;
    }
    const plan = snapshot.tiers.length
      ? await this.planUnlocked(transaction, businessId, snapshot, customers, now, settings)
      : null;
    if (!plan?.mayChange && (await this.ladderUnchangedSince(transaction, businessId, snapshot))) {
      if (plan) this.metrics.tierLocksSkipped.inc();
      await writeScores(scores);
      return 0;
    }
    // Narrow locks need the exact set, computed on the snapshot's ladder (its version is checked
    // under the locks); without a plan on the snapshot every tier is locked exclusively.
    const narrow: NarrowLocks | undefined =
      options.narrowLocks && plan?.mayChange
        ? { exclusiveTierIds: plan.exclusiveTierIds, version: snapshot.version }
        : undefined;
    if (narrow)
      this.metrics.tierLocksNarrowed.inc({ exclusive: narrow.exclusiveTierIds.size ? 'some' : 'none' });
    const events = await this.decideLocked(
      transaction,
      businessId,
      customers,
      now,
      settings,
      { source: options.source, scores },
      narrow,
    );
    if (events !== null) return events;
    await writeScores(scores);
    return 0;
  }

  /** The domain's plan on the unlocked snapshot: whether it may change a tier, and which tiers it reads. */
  private async planUnlocked(
    transaction: Transaction,
    businessId: string,
    snapshot: BusinessSnapshot,
    customers: EvaluationCustomer[],
    now: Date,
    settings: ScoringSettings,
  ): Promise<{ mayChange: boolean; exclusiveTierIds: ReadonlySet<string> }> {
    const ladder = toTierLadder(snapshot);
    const occupancy = await this.tiers.readOccupancy(
      businessId,
      snapshot.tiers,
      ladder,
      now,
      transaction,
      snapshot.waitlisted,
    );
    const planCustomers = customers.map((customer) => ({
      customerId: customer.customerId,
      state: { ...customer.tierState, score: scoreFromRankKey(customer.scoreKey, now, settings) },
    }));
    const plan = planTierMoves({ ladder, occupancy, customers: planCustomers, now });
    const inLadder = new Set(ladder.tiers.map((tier) => tier.id));
    return {
      mayChange: mayChangeTiers(ladder, planCustomers, plan),
      // The bounded tiers the plan reads, and the archived tiers the customers hold (their rows
      // may still carry a capacity, so their seats are never appended).
      exclusiveTierIds: new Set([
        ...tiersAPlanReads(ladder, planCustomers, now),
        ...customers
          .map((customer) => customer.tierState.tierId)
          .filter((id): id is string => id !== null && !inLadder.has(id)),
      ]),
    };
  }

  /**
   * The snapshot was read before this batch locked its customers. A ladder saved, and applied to
   * them by the sweep, in between would leave them decided on the old one (nothing re-places a
   * customer upward until their next event), so a quiet plan counts only if the ladder version read
   * now, after those locks, is still the snapshot's.
   */
  private async ladderUnchangedSince(
    transaction: Transaction,
    businessId: string,
    snapshot: BusinessSnapshot,
  ): Promise<boolean> {
    return (await this.tiers.ladderVersionOf(businessId, transaction)) === snapshot.version;
  }

  private plan(
    view: BusinessView,
    customers: PlanCustomer[],
    waitlists: Record<string, PlanCustomer[]>,
  ): TierPlan {
    return planTierMoves({
      ladder: view.ladder,
      occupancy: view.occupancy,
      customers,
      waitlists,
      archivedTierRanks: view.archivedTierRanks,
      now: view.now,
      ...(view.exactTierIds ? { exactTierIds: view.exactTierIds } : {}),
    });
  }

  private planCustomerOf(view: BusinessView, customer: EvaluationCustomer): PlanCustomer {
    return {
      customerId: customer.customerId,
      state: { ...customer.tierState, score: view.scoreOf(customer) },
      ...(view.leaving.has(customer.customerId) ? { leaving: true } : {}),
    };
  }

  /**
   * The head of each queue, locked. The tier rows are locked now, so customers another batch
   * holds are skipped (waiting for them could deadlock): the head stops at the first of them,
   * so nobody behind goes first; likewise at a customer holding a tier this transaction has
   * not locked (an archived one: locking it now would break the lock order), or holding a
   * bounded tier it holds only in share mode (narrow locks: that seat cannot be given back).
   */
  private async waitlistHeads(
    transaction: Transaction,
    view: BusinessView,
    requests: WaitlistHeadRequest[],
    batch: ReadonlyMap<string, EvaluationCustomer>,
  ): Promise<{
    waitlists: Record<string, PlanCustomer[]>;
    locked: EvaluationCustomer[];
    /** Tiers whose head stopped early at a customer this transaction could not lock. */
    cutShort: ReadonlySet<string>;
  }> {
    const waitlists: Record<string, PlanCustomer[]> = {};
    const lockedAll: EvaluationCustomer[] = [];
    const cutShort = new Set<string>();
    for (const { tierId, limit } of requests) {
      // The batch's own customers are in the plan already: read past them, so the head holds
      // `limit` customers from outside the batch (the batch's waiters may be leaving the queue).
      const head = (
        await this.evaluation.waitlistHead(transaction, view.businessId, tierId, limit + batch.size)
      )
        .filter((candidate) => !batch.has(candidate.customerId))
        .slice(0, limit);
      const locked = await this.evaluation.lockCustomers(
        transaction,
        view.businessId,
        head.map((c) => c.customerId),
        { skipLocked: true },
      );
      const byId = new Map(locked.map((customer) => [customer.customerId, customer]));
      const usable: PlanCustomer[] = [];
      for (const candidate of head) {
        const customer = byId.get(candidate.customerId);
        const from = customer?.tierState.tierId ?? null;
        if (
          !customer ||
          customer.tierState.waitlistedForTierId !== tierId ||
          (from !== null && !this.mayFree(view, from))
        ) {
          cutShort.add(tierId);
          break;
        }
        usable.push(this.planCustomerOf(view, customer));
        lockedAll.push(customer);
      }
      if (usable.length) waitlists[tierId] = usable;
    }
    return { waitlists, locked: lockedAll, cutShort };
  }

  /** Whether this transaction may give back a seat of the tier: it holds it exclusively, or unbounded. */
  private mayFree(view: BusinessView, tierId: string): boolean {
    if (!view.lockedTierIds.has(tierId)) return false;
    if (!view.exactTierIds || view.exactTierIds.has(tierId)) return true;
    const tier = view.ladder.tiers.find((t) => t.id === tierId);
    return tier !== undefined && !isBoundedTier(tier);
  }

  private async viewOf(
    transaction: Transaction,
    businessId: string,
    heldTierIds: (string | null)[],
    now: Date,
    known: ScoringSettings | undefined,
    options: EvaluationOptions,
    narrow?: NarrowLocks,
  ): Promise<BusinessView | null> {
    const rows = narrow
      ? await this.tiers.lockLadderSeatsNarrow(
          transaction,
          businessId,
          heldTierIds,
          narrow.exclusiveTierIds,
          narrow.version,
        )
      : await this.tiers.lockLadderSeats(transaction, businessId, heldTierIds);
    if (!rows?.tiers.length) return null;
    const settings = known ?? (await this.scoringSettingsOf(transaction, businessId, rows.timeZone));
    const ladder = toTierLadder(rows);
    // Tiers a ladder change archived that customers still hold: their moves leave them, and the
    // history and event name them as they were.
    const archived = await this.tiers.findByIds(
      businessId,
      [...rows.lockedTierIds].filter((id) => !ladder.tiers.some((tier) => tier.id === id)),
      transaction,
    );
    return {
      businessId,
      ladder,
      timeZone: rows.timeZone,
      lockedTierIds: rows.lockedTierIds,
      ...(narrow ? { exactTierIds: narrow.exclusiveTierIds } : {}),
      archivedTierRanks: Object.fromEntries(archived.map((tier) => [tier.id, tier.rank])),
      knownTiers: new Map([
        ...archived.map(
          (tier) => [tier.id, { id: tier.id, name: tier.name, rank: tier.rank, quotaPeriod: null }] as const,
        ),
        ...ladder.tiers.map(
          (tier) =>
            [
              tier.id,
              {
                id: tier.id,
                name: tier.name,
                rank: tier.rank,
                quotaPeriod: tier.admissionQuota?.period ?? null,
              },
            ] as const,
        ),
      ]),
      occupancy: await this.tiers.readOccupancy(
        businessId,
        rows.tiers,
        ladder,
        now,
        transaction,
        rows.waitlisted,
      ),
      scoreOf: (customer) => scoreFromRankKey(customer.scoreKey, now, settings),
      settings,
      now,
      leaving: new Set(options.leaving ?? []),
      source: options.source,
    };
  }

  private async scoringSettingsOf(
    transaction: Transaction,
    businessId: string,
    timeZone: string,
  ): Promise<ScoringSettings> {
    const profile = (await this.businesses.findScoringProfiles([businessId], transaction)).get(businessId);
    return resolveScoringSettings(profile?.scoringSettings, timeZone);
  }

  /**
   * Writes the plan: every seat move through the one tier-move writer (applyCheckedMoves), with
   * the state changes and the caller's scores in its customer statement; then the plan's events
   * (tier changes, then warnings, in one outbox statement) and
   * the rounds held. Returns how many events went to the outbox.
   */
  private async write(
    transaction: Transaction,
    view: BusinessView,
    plan: TierPlan,
    customers: ReadonlyMap<string, EvaluationCustomer>,
    scores: readonly CustomerScoreUpdate[],
  ): Promise<number> {
    const moves = plan.moves.map((move) => this.tierMoveOf(view, move));
    const results = await this.applyMoves(transaction, view, {
      businessId: view.businessId,
      timeZone: view.timeZone,
      tiers: view.knownTiers,
      moves,
      tierStates: plan.stateChanges,
      scores,
      ...(view.exactTierIds ? { exactTierIds: view.exactTierIds } : {}),
    });
    const refOf = (customerId: string) => customers.get(customerId)!.externalRef;
    const tierChanges = results.flatMap((result, i) =>
      isRecorded(result)
        ? [tierChangedMessageOf(moves[i], result, refOf(moves[i].customerId), view.source)]
        : [],
    );
    for (const result of results.filter((r) => r.changed))
      this.metrics.tierChanges.inc({ direction: result.direction });
    const warnings = plan.warnings.map((warning) =>
      downgradeWarningMessageOf(
        warning,
        {
          businessId: view.businessId,
          customerRef: refOf(warning.customerId),
          ruleVersion: view.ladder.version ?? 0,
          now: view.now,
          source: view.source,
          tiers: view.knownTiers,
        },
        randomUUID(),
      ),
    );
    await this.outbox.add(transaction, [...tierChanges, ...warnings]);
    await this.tiers.saveRoundsHeld(transaction, view.businessId, plan.roundsHeld);
    return tierChanges.length + warnings.length;
  }

  /**
   * The SQL re-checks only confirm the domain's plan: one that fails is a bug (stale occupancy),
   * never silent: logged with the producer and counted, then thrown so the transaction rolls back.
   */
  private async applyMoves(
    transaction: Transaction,
    view: BusinessView,
    batch: CheckedMoveBatch,
  ): Promise<AppliedTierMove[]> {
    try {
      return await this.moves.applyCheckedMoves(transaction, batch);
    } catch (error) {
      if (error instanceof TierMoveCheckError) {
        this.metrics.tierMoveCheckFailures.inc({ source: view.source });
        this.logger.error(
          { err: error, businessId: view.businessId, source: view.source, moves: batch.moves.length },
          'the database refused a tier plan its safety net should only confirm',
        );
      }
      throw error;
    }
  }

  private tierMoveOf(view: BusinessView, move: PlannedMove): TierMove {
    return {
      businessId: view.businessId,
      customerId: move.customerId,
      fromTierId: move.fromTierId,
      toTierId: move.toTierId,
      direction: move.direction,
      reason: recordedReasonOf(move),
      score: move.score,
      ladderVersion: view.ladder.version ?? 0,
      countsAsAdmission: move.countsAsAdmission,
      ignoreCapacity: move.forcedByLock,
      waitlistedForTierId: move.after.waitlistedForTierId,
      qualifiedAt: move.after.qualifiedAt,
      lock: move.after.lock,
      at: view.now,
    };
  }
}
