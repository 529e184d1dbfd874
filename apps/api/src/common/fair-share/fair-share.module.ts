import { Global, Module } from '@nestjs/common';
import { RateLimitStore } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { FairShareService } from './fair-share.service.js';
import { HeavyOperationInterceptor } from './heavy-operation.interceptor.js';

/** Global: one set of counters for every module's heavy operations. */
@Global()
@Module({
  providers: [...provideRepositories(RateLimitStore), FairShareService, HeavyOperationInterceptor],
  exports: [FairShareService, HeavyOperationInterceptor],
})
export class FairShareModule {}
