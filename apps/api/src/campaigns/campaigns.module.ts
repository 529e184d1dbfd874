import { Module } from '@nestjs/common';
import {
  BusinessRepository,
  CampaignRepository,
  RedemptionRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { CampaignAudienceResolver } from './campaign-audience.resolver.js';
import { CampaignsResolver } from './campaigns.resolver.js';
import { CampaignsService } from './campaigns.service.js';
import { CustomerRedemptionsResolver } from './customer-redemptions.resolver.js';
import { RedemptionsResolver } from './redemptions.resolver.js';
import { RedemptionsService } from './redemptions.service.js';

@Module({
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
  ],
  exports: [CampaignsService, RedemptionsService],
})
export class CampaignsModule {}
