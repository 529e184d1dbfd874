import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import {
  decideTier,
  explainScore,
  type OccupancyByTier,
  type ScoreState,
  scoreAt,
  type TierLadder,
} from '@inner-circle/domain';
import {
  CustomerActivityRepository,
  type CustomerInteractionRecord,
  type TierChangeRecord,
  TierRepository,
  toTierDefinition,
  toDomainInteraction,
} from '@inner-circle/persistence';
import { TierChangeDirection } from '@inner-circle/contracts';
import type { Caller } from '../auth/caller.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import type { TierObject } from '../tiers/dto/tier.object.js';
import { toTierObject } from '../tiers/tier.mapper.js';
import { toCustomerInteractionObject } from './customer-activity.mapper.js';
import type { CustomerObject } from './dto/customer.object.js';
import type { CustomerInteractionObject } from './dto/customer-interaction.object.js';
import type { CustomerTierLockObject } from './dto/customer-lock.object.js';
import type { CustomerTierChangeObject } from './dto/customer-tier-change.object.js';
import type { DowngradeWarningObject } from './dto/downgrade-warning.object.js';
import type { ScoreBreakdownObject } from './dto/score-breakdown.object.js';

/**
 * Fields derived from other rows. Every lookup goes through a per-request DataLoader, so a
 * page of N customers costs one statement per kind of lookup, not N. Loaders close over the
 * caller's business: a request has exactly one caller. Scoring settings come with the
 * caller (read with its key), so they cost no statement here.
 */
const TIER_BY_ID = 'customers.tierById';

@Injectable()
export class CustomerFieldsService {
  constructor(
    @Inject(CustomerActivityRepository) private readonly activity: CustomerActivityRepository,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  scoreOf(caller: Caller, customer: CustomerObject): number {
    if (!customer.scoreState) return 0;
    return scoreAt(customer.scoreState as unknown as ScoreState, this.clock.now(), caller.scoringSettings);
  }

  async scoreBreakdownOf(
    caller: Caller,
    customer: CustomerObject,
    loaders: RequestLoaders,
  ): Promise<ScoreBreakdownObject> {
    const { businessId } = caller;
    const interactions = await loaders
      .get<string, CustomerInteractionRecord[]>('customers.allInteractions', async (ids) =>
        groupBy(ids, await this.activity.allInteractions(businessId, ids), (r) => r.customerId),
      )
      .load(customer.id);
    return explainScore(interactions.map(toDomainInteraction), caller.scoringSettings, this.clock.now());
  }

  /**
   * The tier by id, batched per request; a tier this request already read (see `preloadTiers`)
   * comes back as is, without a promise.
   */
  tierOf(
    businessId: string,
    tierId: string | null,
    loaders: RequestLoaders,
  ): TierObject | null | Promise<TierObject | null> {
    if (!tierId) return null;
    const known = loaders.known<string, TierObject | null>(TIER_BY_ID);
    const tier = known.get(tierId);
    if (tier !== undefined) return tier;
    return this.tierLoader(businessId, loaders).load(tierId);
  }

  /**
   * Reads, in one statement, the tiers a page of customers is in or waits for, before GraphQL
   * resolves their `tier` fields: each then returns its tier without a promise, so a page
   * completes synchronously instead of through a promise per customer.
   */
  async preloadTiers(
    businessId: string,
    tierIds: readonly (string | null)[],
    loaders: RequestLoaders,
  ): Promise<void> {
    const known = loaders.known<string, TierObject | null>(TIER_BY_ID);
    const ids = [...new Set(tierIds)].filter((id): id is string => id !== null && !known.has(id));
    if (ids.length) await this.tierLoader(businessId, loaders).loadMany(ids);
  }

  private tierLoader(businessId: string, loaders: RequestLoaders) {
    return loaders.get<string, TierObject | null>(TIER_BY_ID, async (ids) => {
      const found = new Map((await this.tiers.findByIds(businessId, ids)).map((t) => [t.id, t]));
      const known = loaders.known<string, TierObject | null>(TIER_BY_ID);
      return ids.map((id) => {
        const row = found.get(id);
        const tier = row ? toTierObject(row) : null;
        known.set(id, tier);
        return tier;
      });
    });
  }

  /** Only a lock still in force: an expired one no longer decides anything. */
  async lockOf(
    businessId: string,
    customer: CustomerObject,
    loaders: RequestLoaders,
  ): Promise<CustomerTierLockObject | null> {
    if (!customer.lockTierId || (customer.lockUntil && customer.lockUntil <= this.clock.now())) return null;
    return {
      tier: await this.tierOf(businessId, customer.lockTierId, loaders),
      until: customer.lockUntil,
      reason: customer.lockReason ?? '',
    };
  }

  /**
   * The domain decides where a customer in grace would land (highest lower tier they still
   * retain with a free seat, today); the api only shows it.
   */
  async downgradeWarningOf(
    caller: Caller,
    customer: CustomerObject,
    loaders: RequestLoaders,
  ): Promise<DowngradeWarningObject | null> {
    if (!customer.graceUntil) return null;
    const { businessId } = caller;
    const { ladder, occupancy } = await this.ladder(caller, loaders);
    const score = this.scoreOf(caller, customer);
    const decision = decideTier(
      {
        tierId: customer.tierId,
        since: customer.tierSince,
        score,
        graceUntil: customer.graceUntil,
        waitlistedForTierId: customer.waitlistedForTierId,
        qualifiedAt: customer.qualifiedAt,
        lock: customer.lockTierId
          ? { tierId: customer.lockTierId, until: customer.lockUntil, reason: customer.lockReason ?? '' }
          : null,
      },
      ladder,
      occupancy,
      this.clock.now(),
    );
    if (!decision.downgradeWarning) return null;
    return {
      on: decision.downgradeWarning.on,
      toTier: await this.tierOf(businessId, decision.downgradeWarning.toTierId, loaders),
    };
  }

  async recentInteractionsOf(
    businessId: string,
    customerId: string,
    limit: number,
    loaders: RequestLoaders,
  ): Promise<CustomerInteractionObject[]> {
    const records = await loaders
      .get<string, CustomerInteractionRecord[]>(`customers.recentInteractions:${limit}`, async (ids) =>
        groupBy(ids, await this.activity.recentInteractions(businessId, ids, limit), (r) => r.customerId),
      )
      .load(customerId);
    return records.map(toCustomerInteractionObject);
  }

  async tierHistoryOf(
    businessId: string,
    customerId: string,
    limit: number,
    loaders: RequestLoaders,
  ): Promise<CustomerTierChangeObject[]> {
    const changes = await loaders
      .get<string, TierChangeRecord[]>(`customers.tierHistory:${limit}`, async (ids) =>
        groupBy(ids, await this.activity.tierHistory(businessId, ids, limit), (r) => r.customerId),
      )
      .load(customerId);
    return Promise.all(
      changes.map(async (change) => ({
        fromTier: await this.tierOf(businessId, change.fromTierId, loaders),
        toTier: await this.tierOf(businessId, change.toTierId, loaders),
        direction: toDirection(change.direction),
        reason: change.reason,
        score: change.score,
        at: change.occurredAt,
        fromTierId: change.fromTierId,
        toTierId: change.toTierId,
      })),
    );
  }

  private async ladder(
    caller: Caller,
    loaders: RequestLoaders,
  ): Promise<{ ladder: TierLadder; occupancy: OccupancyByTier }> {
    const tiers = await loaders
      .get<string, Awaited<ReturnType<TierRepository['listActive']>>>('customers.activeLadder', (ids) =>
        Promise.all(ids.map((id) => this.tiers.listActive(id))),
      )
      .load(caller.businessId);
    return {
      ladder: { tiers: tiers.map(toTierDefinition), timeZone: caller.scoringSettings.timeZone },
      // Only seats matter for a downgrade target; admissions (quota) never apply to downgrades.
      occupancy: Object.fromEntries(
        tiers.map((t) => [t.id, { members: t.memberCount, admissionsInPeriod: 0 }]),
      ),
    };
  }
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function toDirection(stored: string): TierChangeDirection {
  return stored === 'UP' || stored === 'DOWN' ? (stored as TierChangeDirection) : TierChangeDirection.NONE;
}
