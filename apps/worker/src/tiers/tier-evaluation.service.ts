import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { buildTierDowngradeWarningV1Event, tierChangeKey, Topics } from '@inner-circle/contracts';
import {
  admitFromWaitlist,
  applyDecision,
  decideTier,
  freeSeats,
  type TierOccupancy,
  periodKey,
  resolveScoringSettings,
  type ScoreState,
  type ScoringSettings,
  scoreAt,
  scoreFromRankKey,
  type TierDecision,
  TierDecisionKind,
  type TierLadder,
} from '@inner-circle/domain';
import {
  admissionKey,
  BusinessRepository,
  type CheckedTierMove,
  type EvaluationCustomer,
  type KnownTier,
  type LadderRows,
  type NewOutboxMessage,
  OutboxRepository,
  TierEvaluationRepository,
  type TierMove,
  tierMoveOf,
  TierMoveRepository,
  TierRepository,
  type TierStateUpdate,
  toTierLadder,
  type Transaction,
} from '@inner-circle/persistence';
import { WorkerMetrics } from '../metrics/worker-metrics.js';

const SOURCE = '/inner-circle/worker';

/** What one evaluation needs to know about the business, loaded once per call. */
interface BusinessView {
  businessId: string;
  ladder: TierLadder;
  timeZone: string;
  /** Tier rows this transaction holds: seats may move only between these. */
  lockedTierIds: ReadonlySet<string>;
  /** The ladder as the move writer needs it, so it does not read it again. */
  knownTiers: ReadonlyMap<string, KnownTier>;
  /** Exact while the tier rows are locked: decisions update it as they take and free seats. */
  occupancy: Record<string, TierOccupancy>;
  scoreOf: (customer: EvaluationCustomer) => number;
  settings: ScoringSettings;
  now: Date;
}

/**
 * Decides the tier of some customers of one business with the domain's decideTier, inside
 * the caller's transaction. The customers' rows are locked, then the ladder's tier rows, so
 * the occupancy read next cannot change until commit: every decision of the batch is made in
 * memory against it, and all the moves are written at once through the one tier-change path
 * (TierMoveRepository.applyCheckedMoves). Then waitlists are served in rank order while seats
 * and quota allow. Used after interactions, by the grace sweep and by ladder re-evaluation.
 */
@Injectable()
export class TierEvaluationService {
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
    settings?: ScoringSettings,
  ): Promise<number> {
    const customers = await this.evaluation.lockCustomers(transaction, businessId, customerIds);
    return this.evaluateLocked(transaction, businessId, customers, now, settings);
  }

  /**
   * For callers that hold the customers' rows locked already (the ingest batch) and may pass
   * the business's scoring settings they resolved.
   */
  async evaluateLocked(
    transaction: Transaction,
    businessId: string,
    customers: EvaluationCustomer[],
    now: Date,
    settings?: ScoringSettings,
  ): Promise<number> {
    // Customers before tiers: the order every writer takes its locks in. The tiers they hold
    // (archived ones too) are locked with the ladder, so no seat is locked later out of order.
    const held = customers.map((customer) => customer.tierState.tierId);
    const view = await this.viewOf(transaction, businessId, held, now, settings);
    if (!view) return 0;
    const moves: CheckedTierMove[] = [];
    const updates: TierStateUpdate[] = [];
    const warnings: NewOutboxMessage[] = [];
    // Best first: qualifiers decided together take the seats and quota in score order.
    const scores = new Map(customers.map((customer) => [customer.customerId, view.scoreOf(customer)]));
    const ordered = [...customers].sort(
      (a, b) =>
        scores.get(b.customerId)! - scores.get(a.customerId)! ||
        (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
    );
    for (const customer of ordered) {
      const move = this.decide(view, customer, updates, warnings);
      if (move) moves.push({ move, customerRef: customer.externalRef });
    }
    const changed = await this.write(transaction, view, moves);
    await this.evaluation.updateTierStates(transaction, businessId, updates);
    await this.outbox.add(transaction, warnings);
    return changed + warnings.length + (await this.admitFromWaitlists(transaction, view));
  }

  private async viewOf(
    transaction: Transaction,
    businessId: string,
    heldTierIds: (string | null)[],
    now: Date,
    known?: ScoringSettings,
  ): Promise<BusinessView | null> {
    const rows = await this.tiers.lockLadderSeats(transaction, businessId, heldTierIds);
    if (!rows?.tiers.length) return null;
    const settings = known ?? (await this.scoringSettingsOf(transaction, businessId, rows.timeZone));
    const ladder = toTierLadder(rows);
    return {
      businessId,
      ladder,
      timeZone: rows.timeZone,
      lockedTierIds: rows.lockedTierIds,
      knownTiers: new Map(
        ladder.tiers.map((tier) => [
          tier.id,
          { id: tier.id, name: tier.name, rank: tier.rank, quotaPeriod: tier.admissionQuota?.period ?? null },
        ]),
      ),
      occupancy: await this.occupancyOf(transaction, businessId, rows, ladder, now),
      scoreOf: (customer) =>
        customer.scoreState ? scoreAt(customer.scoreState as unknown as ScoreState, now, settings) : 0,
      settings,
      now,
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

  private async occupancyOf(
    transaction: Transaction,
    businessId: string,
    rows: LadderRows,
    ladder: TierLadder,
    now: Date,
  ): Promise<Record<string, TierOccupancy>> {
    const keys = ladder.tiers.flatMap((tier) =>
      tier.admissionQuota
        ? [{ tierId: tier.id, periodKey: periodKey(now, tier.admissionQuota.period, ladder.timeZone) }]
        : [],
    );
    const [admissions, waitlisted] = await Promise.all([
      this.tiers.countAdmissions(businessId, keys, transaction),
      this.tiers.countWaitlists(
        businessId,
        ladder.tiers.map((tier) => tier.id),
        transaction,
      ),
    ]);
    const occupancy: Record<string, TierOccupancy> = {};
    for (const tier of rows.tiers) {
      const key = keys.find((k) => k.tierId === tier.id)?.periodKey;
      occupancy[tier.id] = {
        members: tier.memberCount,
        admissionsInPeriod: key ? (admissions.get(admissionKey(tier.id, key)) ?? 0) : 0,
        ...(key ? { periodKey: key } : {}),
        waitlisted: waitlisted.get(tier.id) ?? 0,
      };
    }
    return occupancy;
  }

  /** The customer's move (its seats already counted in the view), or null when no seat moves. */
  private decide(
    view: BusinessView,
    customer: EvaluationCustomer,
    updates: TierStateUpdate[],
    warnings: NewOutboxMessage[],
  ): TierMove | null {
    const state = { ...customer.tierState, score: view.scoreOf(customer) };
    const decision = decideTier(state, view.ladder, view.occupancy, view.now);
    const move = tierMoveOf(state, decision, {
      businessId: view.businessId,
      customerId: customer.customerId,
      ladderVersion: view.ladder.version ?? 0,
      at: view.now,
      source: SOURCE,
    });
    if (!move) this.recordStateChange(view, customer, state, decision, updates, warnings);
    else {
      this.trackMove(view, move);
      this.trackWaitlist(view, state.waitlistedForTierId, move.waitlistedForTierId ?? null);
    }
    return move;
  }

  /** Returns how many of the moves changed a tier (each wrote a tier-changed event). */
  private async write(
    transaction: Transaction,
    view: BusinessView,
    moves: CheckedTierMove[],
  ): Promise<number> {
    const results = await this.moves.applyCheckedMoves(transaction, {
      businessId: view.businessId,
      timeZone: view.timeZone,
      tiers: view.knownTiers,
      moves,
    });
    const changed = results.filter((result) => result.changed);
    for (const result of changed) this.metrics.tierChanges.inc({ direction: result.direction });
    return changed.length;
  }

  /** Decisions that move no seat only change the customer's grace and waitlist columns. */
  private recordStateChange(
    view: BusinessView,
    customer: EvaluationCustomer,
    state: EvaluationCustomer['tierState'],
    decision: TierDecision,
    updates: TierStateUpdate[],
    warnings: NewOutboxMessage[],
  ): void {
    const after = applyDecision(state, decision, view.now);
    const same =
      after.graceUntil?.getTime() === state.graceUntil?.getTime() &&
      after.waitlistedForTierId === state.waitlistedForTierId &&
      after.qualifiedAt?.getTime() === state.qualifiedAt?.getTime();
    if (same) return;
    updates.push({
      customerId: customer.customerId,
      graceUntil: after.graceUntil,
      waitlistedForTierId: after.waitlistedForTierId,
      qualifiedAt: after.qualifiedAt,
    });
    this.trackWaitlist(view, state.waitlistedForTierId, after.waitlistedForTierId);
    if (decision.kind === TierDecisionKind.GRACE_STARTED && decision.downgradeWarning && state.tierId) {
      warnings.push(
        this.downgradeWarning(view, customer, state.tierId, decision.downgradeWarning, state.score),
      );
    }
  }

  private downgradeWarning(
    view: BusinessView,
    customer: EvaluationCustomer,
    currentTierId: string,
    warning: NonNullable<TierDecision['downgradeWarning']>,
    score: number,
  ): NewOutboxMessage {
    const ref = (tierId: string | null) => {
      const tier = view.ladder.tiers.find((t) => t.id === tierId);
      return tier ? { id: tier.id, name: tier.name, rank: tier.rank } : null;
    };
    const eventId = randomUUID();
    const event = buildTierDowngradeWarningV1Event(
      {
        businessId: view.businessId,
        customerId: customer.customerId,
        customerRef: customer.externalRef,
        currentTier: ref(currentTierId)!,
        targetTier: ref(warning.toTierId),
        downgradeAt: warning.on.toISOString(),
        score,
        ruleVersion: view.ladder.version ?? 0,
        occurredAt: view.now.toISOString(),
      },
      { id: eventId, time: view.now, source: SOURCE },
    );
    return {
      eventId,
      topic: Topics.tierChanges,
      key: tierChangeKey(view.businessId, customer.customerId),
      payload: event as unknown as Record<string, unknown>,
    };
  }

  /**
   * Seats freed or kept for the queue go to the waitlist in rank order (admitFromWaitlist),
   * never beyond capacity or the period's quota. Highest tier first, so a seat a climber
   * frees lower down is offered in the same pass.
   */
  private async admitFromWaitlists(transaction: Transaction, view: BusinessView): Promise<number> {
    const moves: CheckedTierMove[] = [];
    for (const tier of [...view.ladder.tiers].reverse()) {
      const occupancy = view.occupancy[tier.id];
      if (!occupancy?.waitlisted) continue;
      const open = freeSeats(tier, occupancy);
      if (open <= 0) continue;
      // Uncapped tiers can still have a queue (quota spent); read a bounded head either way.
      const head = await this.evaluation.waitlistHead(
        transaction,
        view.businessId,
        tier.id,
        Math.min(open, 1000) + 20,
      );
      const { admitted } = admitFromWaitlist(
        head.map((c) => ({
          customerId: c.customerId,
          score: scoreFromRankKey(c.scoreKey, view.now, view.settings),
          qualifiedAt: c.qualifiedAt ?? view.now,
        })),
        tier,
        { ...occupancy, waitlisted: 0 },
        view.now,
        view.ladder.timeZone,
      );
      // The tier rows are locked now: waiting on a customer another batch holds could deadlock.
      const locked = await this.evaluation.lockCustomers(transaction, view.businessId, admitted, {
        skipLocked: true,
      });
      const byId = new Map(locked.map((customer) => [customer.customerId, customer]));
      for (const customerId of admitted) {
        const customer = byId.get(customerId);
        // Busy in another batch, or holding a tier this transaction has not locked (an archived
        // one: locking it now would break the lock order): stop, so nobody behind goes first.
        const from = customer?.tierState.tierId ?? null;
        if (!customer || customer.tierState.waitlistedForTierId !== tier.id) break;
        if (from !== null && !view.lockedTierIds.has(from)) break;
        const move: TierMove = {
          businessId: view.businessId,
          customerId,
          fromTierId: customer.tierState.tierId,
          toTierId: tier.id,
          reason: 'ADMITTED_FROM_WAITLIST',
          score: view.scoreOf(customer),
          ladderVersion: view.ladder.version ?? 0,
          countsAsAdmission: true,
          ignoreCapacity: false,
          waitlistedForTierId: null,
          qualifiedAt: null,
          at: view.now,
          source: SOURCE,
        };
        this.trackMove(view, move);
        occupancy.waitlisted = Math.max(0, (occupancy.waitlisted ?? 1) - 1);
        moves.push({ move, customerRef: customer.externalRef });
      }
    }
    return this.write(transaction, view, moves);
  }

  /** Keeps the view's queue sizes right when a decision changes whom a customer waits for. */
  private trackWaitlist(view: BusinessView, before: string | null, after: string | null): void {
    if (before === after) return;
    const left = before ? view.occupancy[before] : undefined;
    const joined = after ? view.occupancy[after] : undefined;
    if (left) left.waitlisted = Math.max(0, (left.waitlisted ?? 0) - 1);
    if (joined) joined.waitlisted = (joined.waitlisted ?? 0) + 1;
  }

  private trackMove(view: BusinessView, move: TierMove): void {
    if (move.fromTierId === move.toTierId) return;
    const from = move.fromTierId ? view.occupancy[move.fromTierId] : undefined;
    const to = move.toTierId ? view.occupancy[move.toTierId] : undefined;
    if (from) from.members = Math.max(0, from.members - 1);
    if (to) {
      to.members += 1;
      if (move.countsAsAdmission) to.admissionsInPeriod += 1;
    }
  }
}
