import { Module } from '@nestjs/common';
import { ApiKeyRepository } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { AuthModule } from '../auth/auth.module.js';
import { ApiKeyManagementService } from './api-key-management.service.js';
import { ApiKeysResolver } from './api-keys.resolver.js';

@Module({
  imports: [AuthModule],
  providers: [...provideRepositories(ApiKeyRepository), ApiKeyManagementService, ApiKeysResolver],
})
export class ApiKeysModule {}
