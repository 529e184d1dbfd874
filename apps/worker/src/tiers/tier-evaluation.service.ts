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
  scoreAt,
  type TierDecision,
  TierDecisionKind,
  type TierLadder,
} from '@inner-circle/domain';
import {
  admissionKey,
  BusinessRepository,
  type EvaluationCustomer,
  type KnownMoveContext,
  type KnownTier,
  type LadderRows,
  type NewOutboxMessage,
  OutboxRepository,
  TierEvaluationRepository,
  type TierMove,
  tierMoveOf,
  TierMoveRefusal,
  TierMoveRepository,
  TierRepository,
  type TierStateUpdate,
  toTierLadder,
  type Transaction,
} from '@inner-circle/persistence';
import { WorkerMetrics } from '../metrics/worker-metrics.js';

const SOURCE = '/inner-circle/worker';
/** A refused seat (another worker took it first) means deciding again with the tier marked full. */
const MAX_ATTEMPTS = 3;

/** What one evaluation needs to know about the business, loaded once per call. */
interface BusinessView {
  businessId: string;
  ladder: TierLadder;
  /** The ladder as applyMove needs it, so a move does not read it again. */
  knownTiers: ReadonlyMap<string, KnownTier>;
  occupancy: Record<string, TierOccupancy>;
  scoreOf: (customer: EvaluationCustomer) => number;
  now: Date;
}

/**
 * Decides the tier of some customers of one business with the domain's decideTier and
 * applies each decision through the one tier-change path (TierMoveRepository), inside the
 * caller's transaction; then admits from waitlists in rank order while seats and quota
 * allow. Used after interactions, by the grace sweep and by ladder re-evaluation.
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

  async evaluate(
    transaction: Transaction,
    businessId: string,
    customerIds: string[],
    now: Date,
  ): Promise<void> {
    const view = await this.viewOf(transaction, businessId, now);
    if (!view) return;
    const customers = await this.evaluation.lockCustomers(transaction, businessId, customerIds);
    const updates: TierStateUpdate[] = [];
    const warnings: NewOutboxMessage[] = [];
    for (const customer of customers) {
      await this.decideAndApply(transaction, view, customer, updates, warnings);
    }
    await this.evaluation.updateTierStates(transaction, businessId, updates);
    await this.outbox.add(transaction, warnings);
    await this.admitFromWaitlists(transaction, view);
  }

  private async viewOf(
    transaction: Transaction,
    businessId: string,
    now: Date,
  ): Promise<BusinessView | null> {
    const rows = await this.tiers.findLadder(businessId, transaction);
    if (!rows?.tiers.length) return null;
    const profile = (await this.businesses.findScoringProfiles([businessId], transaction)).get(businessId);
    const settings = resolveScoringSettings(profile?.scoringSettings, rows.timeZone);
    const ladder = toTierLadder(rows);
    return {
      businessId,
      ladder,
      knownTiers: new Map(
        ladder.tiers.map((tier) => [
          tier.id,
          { id: tier.id, name: tier.name, rank: tier.rank, quotaPeriod: tier.admissionQuota?.period ?? null },
        ]),
      ),
      occupancy: await this.occupancyOf(businessId, rows, ladder, now),
      scoreOf: (customer) =>
        customer.scoreState ? scoreAt(customer.scoreState as unknown as ScoreState, now, settings) : 0,
      now,
    };
  }

  private async occupancyOf(
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
      this.tiers.countAdmissions(businessId, keys),
      this.tiers.countWaitlists(
        businessId,
        ladder.tiers.map((tier) => tier.id),
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

  private async decideAndApply(
    transaction: Transaction,
    view: BusinessView,
    customer: EvaluationCustomer,
    updates: TierStateUpdate[],
    warnings: NewOutboxMessage[],
  ): Promise<void> {
    const state = { ...customer.tierState, score: view.scoreOf(customer) };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const decision = decideTier(state, view.ladder, view.occupancy, view.now);
      const move = tierMoveOf(state, decision, {
        businessId: view.businessId,
        customerId: customer.customerId,
        ladderVersion: view.ladder.version ?? 0,
        at: view.now,
        source: SOURCE,
      });
      if (!move) {
        this.recordStateChange(view, customer, state, decision, updates, warnings);
        return;
      }
      const result = await this.moves.applyMove(
        transaction,
        move,
        this.knownContext(view, customer, state.tierId),
      );
      if (result.applied) {
        this.trackMove(view, move);
        if (result.changed) this.metrics.tierChanges.inc({ direction: result.direction });
        return;
      }
      if (result.refusal !== TierMoveRefusal.TIER_FULL && result.refusal !== TierMoveRefusal.QUOTA_SPENT) {
        throw new Error(`tier move of customer ${customer.customerId} refused: ${result.refusal}`);
      }
      this.markSaturated(view, move.toTierId!);
    }
    throw new Error(
      `no applicable tier decision for customer ${customer.customerId} after ${MAX_ATTEMPTS} attempts`,
    );
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
    if (after.waitlistedForTierId && after.waitlistedForTierId !== state.waitlistedForTierId) {
      const waiting = view.occupancy[after.waitlistedForTierId];
      if (waiting) waiting.waitlisted = (waiting.waitlisted ?? 0) + 1;
    }
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
   * never beyond capacity or the period's quota.
   */
  private async admitFromWaitlists(transaction: Transaction, view: BusinessView): Promise<void> {
    for (const tier of view.ladder.tiers) {
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
          score: c.score,
          qualifiedAt: c.qualifiedAt ?? view.now,
        })),
        tier,
        { ...occupancy, waitlisted: 0 },
        view.now,
        view.ladder.timeZone,
      );
      const customers = await this.evaluation.lockCustomers(transaction, view.businessId, admitted);
      for (const customer of customers) {
        const move: TierMove = {
          businessId: view.businessId,
          customerId: customer.customerId,
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
        const result = await this.moves.applyMove(
          transaction,
          move,
          this.knownContext(view, customer, customer.tierState.tierId),
        );
        if (!result.applied) break; // another worker filled the seat first: the queue keeps its order
        this.trackMove(view, move);
        occupancy.waitlisted = Math.max(0, (occupancy.waitlisted ?? 1) - 1);
        if (result.changed) this.metrics.tierChanges.inc({ direction: result.direction });
      }
    }
  }

  /** The customer rows are locked by lockCustomers in this transaction; their tier is as read there. */
  private knownContext(
    view: BusinessView,
    customer: EvaluationCustomer,
    tierId: string | null,
  ): KnownMoveContext {
    return {
      customer: { externalRef: customer.externalRef, tierId },
      timeZone: view.ladder.timeZone,
      tiers: view.knownTiers,
    };
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

  private markSaturated(view: BusinessView, tierId: string): void {
    const tier = view.ladder.tiers.find((t) => t.id === tierId);
    const occupancy = view.occupancy[tierId];
    if (!tier || !occupancy) return;
    if (tier.capacity != null) occupancy.members = Math.max(occupancy.members, tier.capacity);
    if (tier.admissionQuota)
      occupancy.admissionsInPeriod = Math.max(occupancy.admissionsInPeriod, tier.admissionQuota.limit);
  }
}
