import { Module } from '@nestjs/common';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { CampaignRepository } from '@inner-circle/persistence';
import { InteractionEventPublisher } from './interaction-event.publisher.js';
import { InteractionsResolver } from './interactions.resolver.js';
import { InteractionsService } from './interactions.service.js';

/** Needs the event transport, provided globally by the host's TransportModule. */
@Module({
  providers: [
    ...provideRepositories(CampaignRepository),
    InteractionEventPublisher,
    InteractionsService,
    InteractionsResolver,
  ],
  exports: [InteractionsService],
})
export class InteractionsModule {}
