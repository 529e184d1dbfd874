import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import {
  type CampaignRules,
  type CustomerTierRef,
  RedemptionRefusal,
  checkRedemption,
  periodKey,
} from '@inner-circle/domain';
import {
  type CampaignRedemptionCursor,
  CampaignRepository,
  type RedeemingCustomer,
  RedemptionRepository,
  type RedemptionRow,
  type Transaction,
  TransactionRunner,
} from '@inner-circle/persistence';
import { isUUID } from 'class-validator';
import { type Connection, toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor, PG_TIMESTAMP_TEXT } from '../common/pagination/cursor.js';
import { toCustomerObject } from '../customers/customer.mapper.js';
import { clientError } from '../graphql/client-error.js';
import { toCampaignRules, toRedemptionObject } from './campaign.mapper.js';
import { CampaignErrorCode, CampaignException } from './campaigns.exception.js';
import type { RedeemCampaignInput } from './dto/redeem-campaign.input.js';
import type { RedemptionObject, RedemptionResultObject } from './dto/redemption.object.js';

/** Thrown inside the transaction to roll it back when a concurrent request won the same key. */
class IdempotencyKeyRace extends Error {}

@Injectable()
export class RedemptionsService {
  private readonly logger = new Logger(RedemptionsService.name);

  constructor(
    @Inject(CampaignRepository) private readonly campaigns: CampaignRepository,
    @Inject(RedemptionRepository) private readonly redemptions: RedemptionRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * One transaction: replay by idempotency key; lock the customer (serialises their redemptions,
   * so the per-customer count is exact); check with the domain; take the total cap in one
   * conditional UPDATE (which also locks the campaign row, so the period count read after it is
   * exact) and check again under that lock; insert. Any refusal rolls the seat back.
   */
  async redeem(businessId: string, input: RedeemCampaignInput): Promise<RedemptionResultObject> {
    const now = this.clock.now();
    try {
      return await this.transactions.run((transaction) => this.redeemIn(transaction, businessId, input, now));
    } catch (error) {
      if (!(error instanceof IdempotencyKeyRace)) throw error;
      // The other transaction committed before our insert returned, so its row is visible now.
      const winner = await this.redemptions.findByIdempotencyKey(businessId, input.idempotencyKey);
      if (!winner)
        throw new Error('idempotency key conflict without a committed redemption', { cause: error });
      return this.replay(winner, input);
    }
  }

  /** The latest `limit` redemptions of each customer, in the order of `customerIds`. */
  async recentByCustomers(
    businessId: string,
    customerIds: readonly string[],
    limit: number,
  ): Promise<RedemptionObject[][]> {
    const rows = await this.redemptions.findRecentByCustomers(businessId, customerIds, limit);
    const byCustomer = new Map<string, RedemptionObject[]>();
    for (const row of rows) {
      byCustomer.set(row.customerId, [...(byCustomer.get(row.customerId) ?? []), toRedemptionObject(row)]);
    }
    return customerIds.map((id) => byCustomer.get(id) ?? []);
  }

  /**
   * One page of "who redeemed" for each campaign (newest first), with the customers read in the
   * same statement; the total is the campaign's own redemption count.
   */
  async pageByCampaigns(
    businessId: string,
    campaigns: readonly { id: string; redeemedCount: number }[],
    first: number,
    after: string | undefined,
  ): Promise<Connection<RedemptionObject>[]> {
    const cursor = after === undefined ? null : decodeRedemptionCursor(after);
    const rows = await this.redemptions.listByCampaigns(
      businessId,
      campaigns.map((campaign) => campaign.id),
      first + 1,
      cursor,
    );
    return campaigns.map((campaign) =>
      toConnection(
        rows.filter((row) => row.redemption.campaignId === campaign.id),
        first,
        campaign.redeemedCount,
        (row) => encodeCursor([row.createdAtKey, row.redemption.id]),
        (row) => ({
          ...toRedemptionObject(row.redemption),
          preloadedCustomer: toCustomerObject(row.customer),
        }),
        cursor !== null,
      ),
    );
  }

  private async redeemIn(
    transaction: Transaction,
    businessId: string,
    input: RedeemCampaignInput,
    now: Date,
  ): Promise<RedemptionResultObject> {
    const existing = await this.redemptions.findByIdempotencyKey(
      businessId,
      input.idempotencyKey,
      transaction,
    );
    if (existing) return this.replay(existing, input);

    const customer = await this.redemptions.lockCustomer(transaction, businessId, input.customerId);
    if (!customer) throw new CampaignException(CampaignErrorCode.CUSTOMER_NOT_FOUND, 'No such customer');
    const campaign = await this.campaigns.findById(businessId, input.campaignId, transaction);
    if (!campaign) throw new CampaignException(CampaignErrorCode.CAMPAIGN_NOT_FOUND, 'No such campaign');

    // A cheap first check refuses most requests without touching the campaign row.
    await this.check(
      transaction,
      businessId,
      campaign.id,
      toCampaignRules(campaign),
      campaign.redeemedCount,
      customer,
      now,
    );

    const seated = await this.campaigns.takeRedemptionSeat(transaction, businessId, input.campaignId);
    if (!seated) throw CampaignException.refused(RedemptionRefusal.CAP_REACHED_TOTAL);
    // Authoritative check on the locked row: a concurrent pause or the period count may have moved.
    const rules = toCampaignRules(seated);
    const key = await this.check(
      transaction,
      businessId,
      seated.id,
      rules,
      seated.redeemedCount - 1,
      customer,
      now,
    );

    const inserted = await this.redemptions.insertUnlessKeyTaken(transaction, {
      businessId,
      campaignId: input.campaignId,
      customerId: input.customerId,
      idempotencyKey: input.idempotencyKey,
      tierId: customer.tierId,
      periodKey: key,
    });
    if (!inserted) throw new IdempotencyKeyRace();
    this.logger.log(
      { businessId, campaignId: input.campaignId, customerId: input.customerId, redemptionId: inserted.id },
      'campaign redeemed',
    );
    return { redemption: toRedemptionObject(inserted), replayed: false };
  }

  /**
   * Runs the domain's checkRedemption on counts read now (the customer row is locked, so theirs
   * cannot move); returns the period key the redemption counts under.
   */
  private async check(
    transaction: Transaction,
    businessId: string,
    campaignId: string,
    rules: CampaignRules,
    total: number,
    customer: RedeemingCustomer,
    now: Date,
  ): Promise<string | null> {
    const timeZone = customer.businessTimeZone;
    const perPeriod = rules.caps.perPeriod ?? null;
    const key = perPeriod ? periodKey(now, perPeriod.period, timeZone) : null;
    const counts = await this.redemptions.countUsage(transaction, businessId, campaignId, customer.id, key);
    const customerTier: CustomerTierRef | null =
      customer.tierId !== null && customer.tierRank !== null
        ? { id: customer.tierId, rank: customer.tierRank }
        : null;
    const verdict = checkRedemption({
      campaign: rules,
      customerTier,
      usage: { total, byCustomer: counts.byCustomer, inPeriod: counts.inPeriod, periodKey: key ?? undefined },
      now,
      timeZone,
    });
    if (!verdict.allowed) throw CampaignException.refused(verdict.reason);
    return key;
  }

  private replay(existing: RedemptionRow, input: RedeemCampaignInput): RedemptionResultObject {
    if (existing.campaignId !== input.campaignId || existing.customerId !== input.customerId) {
      throw new CampaignException(
        CampaignErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This idempotency key was already used for another campaign or customer.',
      );
    }
    return { redemption: toRedemptionObject(existing), replayed: true };
  }
}

function decodeRedemptionCursor(after: string): CampaignRedemptionCursor {
  const [createdAtKey, redemptionId] = decodeCursor(after, 2);
  if (
    typeof createdAtKey === 'string' &&
    PG_TIMESTAMP_TEXT.test(createdAtKey) &&
    typeof redemptionId === 'string' &&
    isUUID(redemptionId)
  ) {
    return { createdAtKey, redemptionId };
  }
  throw clientError('BAD_USER_INPUT', 'The cursor is not one this API issued', { field: 'after' });
}
