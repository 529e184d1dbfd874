import { Module } from '@nestjs/common';
import { BusinessRepository } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { TiersModule } from '../tiers/tiers.module.js';
import { BusinessResolver } from './business.resolver.js';
import { BusinessesService } from './businesses.service.js';

@Module({
  imports: [TiersModule],
  providers: [...provideRepositories(BusinessRepository), BusinessesService, BusinessResolver],
  exports: [BusinessesService],
})
export class BusinessesModule {}
