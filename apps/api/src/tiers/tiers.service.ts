import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import {
  AdmissionMode,
  type ScoringSettings,
  LadderWhatIf,
  type LadderSimulation,
  type PlanCustomer,
  scoreFromRankKey,
  type TierDefinition,
  type TierLadder,
  validateLadder,
} from '@inner-circle/domain';
import {
  AuditRepository,
  type LadderRows,
  type PagedCustomer,
  type LadderTierRow,
  TierEvaluationRepository,
  TierRepository,
  toTierLadder,
  TransactionRunner,
} from '@inner-circle/persistence';
import type { SetTierLadderInput } from './dto/set-tier-ladder.input.js';
import type { TierLadderSimulationObject } from './dto/tier-ladder-simulation.object.js';
import type { TierLadderObject } from './dto/tier-ladder.object.js';
import type { TierObject } from './dto/tier.object.js';
import { toDomainPeriod } from './dto/tier-quota-period.enum.js';
import { toTierObject } from './tier.mapper.js';
import { invalidLadder, type LadderIssue } from './tiers.exception.js';

/** A validated proposal: the domain ladder plus the rows that would store it. */
interface LadderPlan {
  proposed: TierLadder;
  rows: (LadderTierRow & { isNew: boolean })[];
  archiveIds: string[];
}

export interface Actor {
  businessId: string;
  apiKeyId: string;
}

/** Customers read per page by the what-if: one sweep batch's worth or two. */
const SIMULATION_PAGE = 1000;

@Injectable()
export class TiersService {
  constructor(
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(TierEvaluationRepository) private readonly evaluation: TierEvaluationRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
  ) {}

  async listLadder(businessId: string): Promise<TierObject[]> {
    return (await this.tiers.listActive(businessId)).map(toTierObject);
  }

  async getLadder(businessId: string): Promise<TierLadderObject> {
    return toLadderObject(await this.requireLadder(businessId));
  }

  /**
   * Replaces the ladder in one transaction under the business row lock. Members of a tier
   * whose capacity drops below its member count keep their seats; the domain's plan then
   * admits nobody new until the tier is below capacity (the seat update's SQL guard only
   * confirms it: see "How a customer moves" in the README). Customers are not re-placed
   * here: the bumped ladder version tells the worker to re-decide them.
   */
  async setLadder(actor: Actor, input: SetTierLadderInput): Promise<TierLadderObject> {
    const now = this.clock.now();
    const ladder = await this.transactions.run(async (transaction) => {
      const current = await this.tiers.lockLadder(transaction, actor.businessId);
      if (!current) throw new Error(`business ${actor.businessId} of an authenticated key is missing`);
      const plan = planLadder(current, input);
      const version = await this.tiers.saveLadder(
        transaction,
        actor.businessId,
        {
          keep: plan.rows.filter((row) => !row.isNew).map(withoutIsNew),
          create: plan.rows.filter((row) => row.isNew).map(withoutIsNew),
          archiveIds: plan.archiveIds,
          ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        },
        now,
      );
      await this.audit.record(transaction, {
        businessId: actor.businessId,
        actorKeyId: actor.apiKeyId,
        action: 'tier_ladder.set',
        targetType: 'business',
        targetId: actor.businessId,
        details: {
          version,
          timeZone: plan.proposed.timeZone,
          tiers: plan.rows.map((row) => ({ id: row.id, name: row.name, rank: row.rank, created: row.isNew })),
          archivedTierIds: plan.archiveIds,
        },
        at: now,
      });
      return toLadderObject((await this.tiers.findLadder(actor.businessId, transaction))!);
    });
    // The time zone travels with the verified key: the next request reads it again.
    this.apiKeys.forgetBusiness(actor.businessId);
    return ladder;
  }

  /**
   * What setting the proposal would do, customer by customer: the domain's LadderWhatIf runs the
   * sweep's own procedure (planTierMoves in its batches) over the business's customers, read a
   * page at a time so a large business never sits in memory whole. Writes nothing.
   */
  async simulateLadder(
    businessId: string,
    input: SetTierLadderInput,
    settings: ScoringSettings,
  ): Promise<TierLadderSimulationObject> {
    const { current, plan, simulation, heldTierIds } = await this.whatIf(businessId, input, settings, {
      outcomes: false,
    });
    const newIds = new Set(plan.rows.filter((row) => row.isNew).map((row) => row.id));
    const refs = new Map<string, { id: string | null; name: string; rank: number }>();
    const remember = (tier: Pick<TierDefinition, 'id' | 'name' | 'rank'>) =>
      refs.set(tier.id, { id: newIds.has(tier.id) ? null : tier.id, name: tier.name, rank: tier.rank });
    // Customers may still sit in tiers archived earlier (until the worker re-places them).
    const unknown = heldTierIds.filter((id) => !current.tiers.some((tier) => tier.id === id));
    (await this.tiers.findByIds(businessId, unknown)).forEach(remember);
    current.tiers.forEach(remember);
    plan.proposed.tiers.forEach(remember);
    const refOf = (id: string | null) =>
      id === null ? null : (refs.get(id) ?? { id, name: 'Unknown tier', rank: 0 });

    return {
      movements: simulation.movements.map((m) => ({
        fromTier: refOf(m.fromTierId),
        toTier: refOf(m.toTierId),
        count: m.count,
      })),
      tiers: simulation.tiers.map((t) => ({
        id: newIds.has(t.tierId) ? null : t.tierId,
        name: t.name,
        rank: t.rank,
        members: t.members,
        capacity: t.capacity,
        waitlisted: t.waitlisted,
      })),
      downgradedCount: simulation.downgradedCount,
      upgradedCount: simulation.upgradedCount,
      unchangedCount: simulation.unchangedCount,
      lockedCount: simulation.lockedCount,
    };
  }

  /**
   * The domain's answer for a proposal, customer by customer (what simulateTierLadder summarises;
   * it asks for no `outcomes`, so its memory holds only the customers still waiting).
   */
  async whatIf(
    businessId: string,
    input: SetTierLadderInput,
    settings: ScoringSettings,
    { outcomes = true }: { outcomes?: boolean } = {},
  ): Promise<{
    current: LadderRows;
    plan: ReturnType<typeof planLadder>;
    simulation: LadderSimulation;
    heldTierIds: string[];
  }> {
    const now = this.clock.now();
    const current = await this.requireLadder(businessId);
    const plan = planLadder(current, input);
    const proposed = plan.proposed;
    const run = await this.transactions.run(async (tx) => {
      // Each row brings its own copy of its tier ids: the what-if keeps everyone waiting, so they
      // share one string per tier instead (a quarter of what a waiting customer costs).
      const tierIds = new Map([...current.tiers, ...proposed.tiers].map((tier) => [tier.id, tier.id]));
      const shared = (id: string | null) => (id === null ? null : (tierIds.get(id) ?? id));
      const toPlan = ({ customerId, tierState, scoreKey }: PagedCustomer): PlanCustomer => ({
        customerId,
        state: {
          ...tierState,
          tierId: shared(tierState.tierId),
          waitlistedForTierId: shared(tierState.waitlistedForTierId),
          score: scoreFromRankKey(scoreKey, now, settings),
        },
      });
      const occupancy = await this.tiers.readOccupancy(businessId, current.tiers, proposed, now, tx);
      const whatIf = new LadderWhatIf(toTierLadder(current), proposed, occupancy, [], now, { outcomes });
      for (let after: string | null = null; ;) {
        const page = await this.evaluation.pageWaiting(tx, businessId, after, SIMULATION_PAGE);
        if (!page.length) break;
        whatIf.addWaiting(page.map(toPlan));
        after = page[page.length - 1].customerId;
      }
      const held = new Set<string>();
      for (let after: string | null = null; ;) {
        const page = await this.evaluation.pageCustomers(tx, businessId, after, SIMULATION_PAGE);
        if (!page.length) break;
        for (const customer of page) if (customer.tierState.tierId) held.add(customer.tierState.tierId);
        whatIf.addBatch(page.map(toPlan));
        after = page[page.length - 1].customerId;
      }
      return { simulation: whatIf.result(), heldTierIds: [...held] };
    });
    return { current, plan, ...run };
  }

  private async requireLadder(businessId: string): Promise<LadderRows> {
    const ladder = await this.tiers.findLadder(businessId);
    // The key row references the business with a cascading foreign key, so a valid key implies the row.
    if (!ladder) throw new Error(`business ${businessId} of an authenticated key is missing`);
    return ladder;
  }
}

/**
 * Turns the input into the proposed domain ladder and validates it: every shape problem was
 * caught by class-validator, every rule problem is reported here at once, with the ids that
 * are not tiers of this business (never saying whether they exist elsewhere).
 */
export function planLadder(current: LadderRows, input: SetTierLadderInput): LadderPlan {
  const activeIds = new Set(current.tiers.map((tier) => tier.id));
  const unknownIds: LadderIssue[] = [];
  const rows = input.tiers.map((tier, index) => {
    const isNew = tier.id === undefined || tier.id === null;
    if (!isNew && !activeIds.has(tier.id!)) {
      unknownIds.push({
        path: `tiers[${index}].id`,
        code: 'UNKNOWN_TIER',
        message: `No active tier with id "${tier.id}"; omit the id to create a tier.`,
      });
    }
    return {
      id: isNew ? randomUUID() : tier.id!,
      isNew,
      name: tier.name.trim(),
      rank: tier.rank,
      entryScore: tier.entryScore,
      retainScore: tier.retainScore,
      capacity: tier.capacity ?? null,
      quotaLimit: tier.admissionQuota?.limit ?? null,
      quotaPeriod: tier.admissionQuota?.period ?? null,
      admissionMode: tier.admissionMode ?? AdmissionMode.CONTINUOUS,
      graceDays: tier.graceDays,
      benefits: tier.benefits ?? null,
    };
  });
  const proposed: TierLadder = {
    timeZone: input.timeZone ?? current.timeZone,
    tiers: rows.map((row) => ({
      id: row.id,
      name: row.name,
      rank: row.rank,
      entryScore: row.entryScore,
      retainScore: row.retainScore,
      capacity: row.capacity,
      admissionQuota:
        row.quotaLimit === null || row.quotaPeriod === null
          ? null
          : { limit: row.quotaLimit, period: toDomainPeriod(row.quotaPeriod) },
      admissionMode: row.admissionMode,
      graceDays: row.graceDays,
      ...(row.benefits === null ? {} : { benefits: [row.benefits] }),
    })),
    version: current.version + 1,
  };
  const problems = [...validateLadder(proposed), ...unknownIds];
  if (problems.length) throw invalidLadder(problems);
  const kept = new Set(rows.map((row) => row.id));
  return { proposed, rows, archiveIds: current.tiers.filter((t) => !kept.has(t.id)).map((t) => t.id) };
}

function withoutIsNew(row: LadderTierRow & { isNew: boolean }): LadderTierRow {
  const { isNew: _isNew, ...rest } = row;
  return rest;
}

function toLadderObject(ladder: LadderRows): TierLadderObject {
  return { version: ladder.version, timeZone: ladder.timeZone, tiers: ladder.tiers.map(toTierObject) };
}
