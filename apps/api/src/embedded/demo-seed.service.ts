import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { AudienceKind, CampaignStatus, DAY_MS, resolveScoringSettings } from '@inner-circle/domain';
import {
  BusinessRepository,
  CustomerActivityRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { ALL_SCOPES, ApiKeyScope } from '../auth/api-key-scope.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import type { Caller } from '../auth/caller.js';
import { CampaignException } from '../campaigns/campaigns.exception.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { CampaignCapPeriod } from '../campaigns/dto/campaign-enums.js';
import { RedemptionsService } from '../campaigns/redemptions.service.js';
import { CustomerImportService } from '../customers/customer-import.service.js';
import { InteractionsService } from '../interactions/interactions.service.js';
import { generateDemoHistory } from './demo-history.js';
import { DEMO_LADDER } from './demo-ladder.js';

/** Fixed: every first start tells the same story, relative to its own now. */
export const DEMO_SEED = 13;
const TIME_ZONE = 'Europe/Paris';
/** Items per recordInteractions call: the API's own batch path, a few calls in all. */
const BATCH = 500;
const POLL_MS = 250;
/** A slow, busy machine applies a few thousand events in seconds; past this something is wrong. */
const GIVE_UP_MS = 10 * 60_000;

/**
 * First start of the embedded mode: a demo business with a tier ladder, an admin key, and eight
 * weeks of history (demo-history.ts) fed through the same services as the API's mutations —
 * importCustomers, createCampaign, recordInteractions (so the event transport and the worker
 * compute every score, tier, waitlist and tier change), then redeemCampaign once the worker has
 * applied it all. The key is shown once, here; only its hash is kept.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DemoSeedService.name);
  private stopping = false;
  private redeeming: Promise<void> | undefined;

  constructor(
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CustomerImportService) private readonly customerImport: CustomerImportService,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(RedemptionsService) private readonly redemptions: RedemptionsService,
    @Inject(InteractionsService) private readonly interactions: InteractionsService,
    @Inject(CustomerActivityRepository) private readonly activity: CustomerActivityRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.businesses.exists()) return;
    const { business, key } = await this.transactions.run(async (transaction) => {
      const business = await this.businesses.create({ name: 'Demo Café', timeZone: TIME_ZONE }, transaction);
      await this.tiers.createMany(business.id, DEMO_LADDER, transaction);
      const key = await this.apiKeys.issue(business.id, 'demo admin', ALL_SCOPES, transaction);
      return { business, key };
    });
    this.logger.log({ businessId: business.id, apiKeyId: key.id }, 'demo business created');
    // On stderr, apart from the JSON log lines on stdout: a secret does not belong in log storage.
    process.stderr.write(
      [
        '',
        '  Demo business "Demo Café" created. Its admin API key (shown only this once):',
        `    ${key.plaintext}`,
        '  Use it as the header  Authorization: Bearer <key>',
        '',
      ].join('\n') + '\n',
    );
    // The history is a nicety: a failure leaves a working, emptier demo rather than no start at all.
    try {
      const redeem = await this.seedHistory(business.id, key.id, this.clock.now());
      // The worker applies the history in the background; the redemptions need the tiers it decides.
      this.redeeming = redeem().catch((error: unknown) =>
        this.logger.error({ err: error, businessId: business.id }, 'demo redemptions failed'),
      );
    } catch (error) {
      this.logger.error({ err: error, businessId: business.id }, 'demo history failed');
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.redeeming;
  }

  /**
   * Customers, campaigns and interactions, through the API's services. Resolves once the
   * interactions are published, with the step that waits for the worker and then redeems.
   */
  private async seedHistory(businessId: string, apiKeyId: string, now: Date): Promise<() => Promise<void>> {
    const pastCampaign = await this.campaigns.create(businessId, {
      name: 'Autumn two-for-one',
      description: 'Two pastries for the price of one, in the autumn weeks.',
      startsAt: new Date(now.getTime() - 35 * DAY_MS),
      endsAt: new Date(now.getTime() - 21 * DAY_MS),
      audience: { kind: AudienceKind.ALL },
      caps: null,
    });
    await this.campaigns.transition(businessId, pastCampaign.id, CampaignStatus.ACTIVE);
    await this.campaigns.transition(businessId, pastCampaign.id, CampaignStatus.ENDED);
    const winter = await this.campaigns.create(businessId, {
      name: 'Winter warmers',
      description: 'A free hot chocolate with any pastry, for our Regulars and up.',
      startsAt: new Date(now.getTime() - DAY_MS),
      endsAt: new Date(now.getTime() + 27 * DAY_MS),
      audience: { kind: AudienceKind.MIN_TIER_RANK, minTierRank: 1 },
      caps: { total: 40, perCustomer: 1, perPeriod: { limit: 30, period: CampaignCapPeriod.WEEK } },
    });
    await this.campaigns.transition(businessId, winter.id, CampaignStatus.ACTIVE);

    const history = generateDemoHistory({ seed: DEMO_SEED, now, pastCampaignId: pastCampaign.id });
    const imported = await this.customerImport.import(
      businessId,
      history.customers.map(({ externalRef, name, email, marketingConsent }) => ({
        externalRef,
        name,
        email,
        marketingConsent,
      })),
    );
    const caller: Caller = {
      businessId,
      apiKeyId,
      scopes: new Set([ApiKeyScope.InteractionsWrite]),
      scoringSettings: resolveScoringSettings(null, TIME_ZONE),
    };
    let accepted = 0;
    for (let start = 0; start < history.interactions.length; start += BATCH) {
      const result = await this.interactions.recordMany(
        caller,
        history.interactions.slice(start, start + BATCH),
      );
      accepted += result.accepted.length;
      if (result.errors.length)
        this.logger.warn({ businessId, refused: result.errors.length }, 'demo interactions refused');
    }
    this.logger.log(
      { businessId, customers: imported.created, interactions: accepted },
      'demo history published',
    );
    const customerIds = new Map(imported.results.map((row) => [row.externalRef, row.customerId]));
    return async () => {
      if (!(await this.waitForWorker(businessId, accepted))) return;
      let redeemed = 0;
      for (const ref of history.redeemers) {
        const customerId = customerIds.get(ref);
        if (this.stopping || !customerId) continue;
        try {
          await this.redemptions.redeem(businessId, {
            campaignId: winter.id,
            customerId,
            idempotencyKey: `demo-${ref}`,
          });
          redeemed += 1;
        } catch (error) {
          // Customers without a tier (not in the audience) and the caps refuse: the demo shows that too.
          if (!(error instanceof CampaignException)) throw error;
        }
      }
      this.logger.log({ businessId, redeemed }, 'demo history applied');
    };
  }

  /** True once the worker has stored every accepted interaction of the demo (false if stopping). */
  private async waitForWorker(businessId: string, expected: number): Promise<boolean> {
    const deadline = performance.now() + GIVE_UP_MS;
    while (!this.stopping) {
      if ((await this.activity.countInteractions(businessId)) >= expected) return true;
      if (performance.now() > deadline) {
        this.logger.warn({ businessId, expected }, 'demo history not applied in time; no redemptions');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return false;
  }
}
