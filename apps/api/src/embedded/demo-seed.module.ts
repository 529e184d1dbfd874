import { Module } from '@nestjs/common';
import {
  BusinessRepository,
  CustomerActivityRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { AuthModule } from '../auth/auth.module.js';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { InteractionsModule } from '../interactions/interactions.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [AuthModule, CampaignsModule, CustomersModule, InteractionsModule],
  providers: [
    ...provideRepositories(BusinessRepository, CustomerActivityRepository, TierRepository, TransactionRunner),
    DemoSeedService,
  ],
})
export class DemoSeedModule {}
