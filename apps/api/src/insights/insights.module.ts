import { Module } from '@nestjs/common';
import { InsightsRepository } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { InsightsResolver } from './insights.resolver.js';
import { InsightsService } from './insights.service.js';

@Module({
  providers: [...provideRepositories(InsightsRepository), InsightsService, InsightsResolver],
})
export class InsightsModule {}
