import { Module } from '@nestjs/common';
import { TierChangeFeedService } from './tier-change-feed.service.js';
import { TierChangesResolver } from './tier-changes.resolver.js';

@Module({ providers: [TierChangeFeedService, TierChangesResolver] })
export class TierChangesModule {}
