import { Module } from '@nestjs/common';
import { InteractionEventPublisher } from './interaction-event.publisher.js';
import { InteractionsResolver } from './interactions.resolver.js';
import { InteractionsService } from './interactions.service.js';

/** Needs the event transport, provided globally by the host's TransportModule. */
@Module({
  providers: [InteractionEventPublisher, InteractionsService, InteractionsResolver],
})
export class InteractionsModule {}
