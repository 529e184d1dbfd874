import { Module } from '@nestjs/common';
import {
  BusinessRepository,
  CampaignRepository,
  RedemptionRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { CustomersModule } from '../customers/customers.module.js';
import { CampaignAudienceResolver } from './campaign-audience.resolver.js';
import { CampaignRedeemersResolver, RedemptionCustomerResolver } from './campaign-redeemers.resolver.js';
import { CampaignsResolver } from './campaigns.resolver.js';
import { CampaignsService } from './campaigns.service.js';
import { CustomerRedemptionsResolver } from './customer-redemptions.resolver.js';
import { RedemptionsResolver } from './redemptions.resolver.js';
import { RedemptionsService } from './redemptions.service.js';

@Module({
  imports: [CustomersModule],
  providers: [
    ...provideRepositories(
      CampaignRepository,
      RedemptionRepository,
      TierRepository,
      BusinessRepository,
      TransactionRunner,
    ),
    CampaignsService,
    RedemptionsService,
    CampaignsResolver,
    CampaignAudienceResolver,
    RedemptionsResolver,
    CustomerRedemptionsResolver,
    CampaignRedeemersResolver,
    RedemptionCustomerResolver,
  ],
  exports: [CampaignsService, RedemptionsService],
})
export class CampaignsModule {}
