import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BusinessRepository, TierRepository, TransactionRunner } from '@inner-circle/persistence';
import { ALL_SCOPES } from '../auth/api-key-scope.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { DEMO_LADDER } from './demo-ladder.js';

/**
 * First start of the embedded mode: a demo business with a tier ladder and an admin
 * key. The key is shown once, here; only its hash is kept.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.businesses.exists()) return;
    const { business, key } = await this.transactions.run(async (transaction) => {
      const business = await this.businesses.create(
        { name: 'Demo Café', timeZone: 'Europe/Paris' },
        transaction,
      );
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
  }
}
