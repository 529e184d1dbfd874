import { Module } from '@nestjs/common';
import { BusinessRepository } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { TiersModule } from '../tiers/tiers.module.js';
import { BusinessesResolver } from './businesses.resolver.js';
import { BusinessesService } from './businesses.service.js';

@Module({
  imports: [TiersModule],
  providers: [...provideRepositories(BusinessRepository), BusinessesService, BusinessesResolver],
  exports: [BusinessesService],
})
export class BusinessesModule {}
