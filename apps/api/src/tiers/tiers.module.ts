import { Module } from '@nestjs/common';
import { TierRepository } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { TiersService } from './tiers.service.js';

@Module({
  providers: [...provideRepositories(TierRepository), TiersService],
  exports: [TiersService],
})
export class TiersModule {}
