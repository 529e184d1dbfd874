import { Module } from '@nestjs/common';
import { BusinessRepository, TierRepository, TransactionRunner } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { AuthModule } from '../auth/auth.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [AuthModule],
  providers: [...provideRepositories(BusinessRepository, TierRepository, TransactionRunner), DemoSeedService],
})
export class DemoSeedModule {}
