import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import {
  type CampaignRules,
  CampaignStatus,
  remainingCapacity,
  type TierLadder,
  periodKey,
  validateCampaign,
} from '@inner-circle/domain';
import {
  BusinessRepository,
  CampaignRepository,
  RedemptionRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { type Connection, toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import type { TierObject } from '../tiers/dto/tier.object.js';
import { toTierObject } from '../tiers/tier.mapper.js';
import {
  rulesOfNewCampaign,
  rulesWithUpdate,
  toCampaignFields,
  toCampaignObject,
  toFieldErrors,
} from './campaign.mapper.js';
import { canTransition, isEditable } from './campaign-transitions.js';
import { CampaignErrorCode, CampaignException } from './campaigns.exception.js';
import type { CampaignsArgs } from './dto/campaign.args.js';
import type { CampaignCapacityObject, CampaignObject, CampaignStatsObject } from './dto/campaign.object.js';
import type { CreateCampaignInput } from './dto/create-campaign.input.js';
import type { UpdateCampaignInput } from './dto/update-campaign.input.js';
import { isUUID } from 'class-validator';

function notFound(): CampaignException {
  return new CampaignException(CampaignErrorCode.CAMPAIGN_NOT_FOUND, 'No such campaign');
}

@Injectable()
export class CampaignsService {
  constructor(
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(RedemptionRepository) private readonly redemptions: RedemptionRepository,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(businessId: string, input: CreateCampaignInput): Promise<CampaignObject> {
    const rules = rulesOfNewCampaign(input);
    this.assertValid(rules, 'input', await this.ladderOf(businessId));
    const row = await this.campaigns.create(
      businessId,
      toCampaignFields(input.name, input.description ?? null, rules),
    );
    return toCampaignObject(row);
  }

  async update(businessId: string, id: string, input: UpdateCampaignInput): Promise<CampaignObject> {
    const ladder = await this.ladderOf(businessId);
    return this.transactions.run(async (transaction) => {
      const current = await this.campaigns.lockById(transaction, businessId, id);
      if (!current) throw notFound();
      const campaign = toCampaignObject(current);
      if (!isEditable(campaign.status)) {
        throw new CampaignException(
          CampaignErrorCode.NOT_EDITABLE,
          `A ${campaign.status} campaign cannot be edited; only DRAFT, SCHEDULED or PAUSED ones (pause it first).`,
          { status: campaign.status },
        );
      }
      const rules = rulesWithUpdate(campaign.rules, input);
      this.assertValid(rules, 'input', ladder);
      const description = input.description === undefined ? current.description : input.description;
      const fields = toCampaignFields(input.name ?? current.name, description, rules);
      return toCampaignObject(await this.campaigns.update(transaction, businessId, id, fields));
    });
  }

  /** Moves the campaign along ALLOWED_TRANSITIONS under its row lock. */
  async transition(
    businessId: string,
    id: string,
    to: CampaignStatus,
    startsAt?: Date | null,
  ): Promise<CampaignObject> {
    return this.transactions.run(async (transaction) => {
      const current = await this.campaigns.lockById(transaction, businessId, id);
      if (!current) throw notFound();
      const campaign = toCampaignObject(current);
      if (!canTransition(campaign.status, to)) {
        throw new CampaignException(
          CampaignErrorCode.INVALID_TRANSITION,
          `A ${campaign.status} campaign cannot become ${to}.`,
          { from: campaign.status, to },
        );
      }
      const rules: CampaignRules = {
        ...campaign.rules,
        status: to,
        startsAt: startsAt ?? campaign.rules.startsAt,
      };
      // Without the ladder: a tier archived since creation must not stop a campaign from ending.
      this.assertValid(rules);
      const fields = toCampaignFields(current.name, current.description, rules);
      return toCampaignObject(await this.campaigns.update(transaction, businessId, id, fields));
    });
  }

  async get(businessId: string, id: string): Promise<CampaignObject> {
    const row = await this.campaigns.findById(businessId, id);
    if (!row) throw notFound();
    return toCampaignObject(row);
  }

  async list(businessId: string, args: CampaignsArgs): Promise<Connection<CampaignObject>> {
    let after: { createdAtMicros: number; id: string } | undefined;
    if (args.after !== undefined) {
      const [micros, id] = decodeCursor(args.after, 2);
      if (
        typeof micros !== 'number' ||
        !Number.isSafeInteger(micros) ||
        typeof id !== 'string' ||
        !isUUID(id)
      ) {
        decodeCursor('', 2); // throws the standard bad-cursor error
      }
      after = { createdAtMicros: micros as number, id: id as string };
    }
    const { rows, totalCount } = await this.campaigns.listPage(businessId, {
      first: args.first,
      status: args.status,
      after,
    });
    return toConnection(
      rows,
      args.first,
      totalCount,
      (row) => encodeCursor([row.createdAtMicros, row.id]),
      toCampaignObject,
      after !== undefined,
    );
  }

  /** For the per-request loader: campaigns by id, null for unknown ones or another business's. */
  async findByIds(businessId: string, ids: readonly string[]): Promise<(CampaignObject | null)[]> {
    const rows = await this.campaigns.findByIds(businessId, ids);
    const byId = new Map(rows.map((row) => [row.id, toCampaignObject(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findTiersByIds(businessId: string, ids: readonly string[]): Promise<(TierObject | null)[]> {
    const tiers = await this.campaigns.findTiersByIds(businessId, ids);
    const byId = new Map(tiers.map((tier) => [tier.id, toTierObject(tier)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Stats and campaign-wide remaining capacity of many campaigns in three statements. The
   * per-customer cap does not apply to the campaign as a whole, so it is left out of `remaining`.
   */
  async statsOf(
    businessId: string,
    campaigns: readonly CampaignObject[],
  ): Promise<{ stats: CampaignStatsObject; remaining: CampaignCapacityObject }[]> {
    const now = this.clock.now();
    const timeZone = (await this.businesses.findById(businessId))?.timeZone ?? 'UTC';
    const keys = new Map<string, string>();
    for (const campaign of campaigns) {
      const perPeriod = campaign.rules.caps.perPeriod;
      if (perPeriod) keys.set(campaign.id, periodKey(now, perPeriod.period, timeZone));
    }
    const ids = campaigns.map((campaign) => campaign.id);
    const [byTier, inPeriod] = await Promise.all([
      this.redemptions.countByTier(businessId, ids),
      this.redemptions.countInPeriods(
        businessId,
        [...keys].map(([campaignId, key]) => ({ campaignId, periodKey: key })),
      ),
    ]);
    const tierIds = [...new Set(byTier.flatMap((row) => (row.tierId === null ? [] : [row.tierId])))];
    const tiers = new Map(
      (await this.campaigns.findTiersByIds(businessId, tierIds)).map((tier) => [tier.id, toTierObject(tier)]),
    );
    return campaigns.map((campaign) => {
      const key = keys.get(campaign.id);
      const capacity = remainingCapacity({
        campaign: { ...campaign.rules, caps: { ...campaign.rules.caps, perCustomer: null } },
        usage: {
          total: campaign.redeemedCount,
          byCustomer: 0,
          inPeriod: inPeriod.get(campaign.id) ?? 0,
          periodKey: key,
        },
        now,
        timeZone,
      });
      return {
        stats: {
          total: campaign.redeemedCount,
          byTier: byTier
            .filter((row) => row.campaignId === campaign.id)
            .map((row) => ({
              tier: row.tierId === null ? null : (tiers.get(row.tierId) ?? null),
              count: row.count,
            })),
          remainingCapacity: capacity.effective,
        },
        remaining: {
          total: capacity.total,
          perPeriod: capacity.period,
          effective: capacity.effective,
          periodKey: key ?? null,
        },
      };
    });
  }

  private async ladderOf(businessId: string): Promise<TierLadder> {
    const tiers = await this.tiers.listActive(businessId);
    return {
      timeZone: 'UTC',
      tiers: tiers.map((tier) => ({
        id: tier.id,
        name: tier.name,
        rank: tier.rank,
        entryScore: tier.entryScore,
        retainScore: tier.retainScore,
        graceDays: tier.graceDays,
      })),
    };
  }

  /** `argument` names where the rules came from, for the field paths (transitions: the top-level args). */
  private assertValid(rules: CampaignRules, argument?: string, ladder?: TierLadder): void {
    const problems = validateCampaign(rules, ladder);
    if (problems.length) {
      throw new CampaignException(
        CampaignErrorCode.INVALID_CAMPAIGN,
        `Invalid campaign: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        { fieldErrors: toFieldErrors(problems, argument) },
      );
    }
  }
}
