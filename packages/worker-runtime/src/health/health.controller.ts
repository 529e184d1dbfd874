import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator, TransportHealthIndicator } from '@inner-circle/nest-runtime';
import { ConsumerHealthIndicator } from './consumer.health.js';

@Controller('health')
export class WorkerHealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(DatabaseHealthIndicator) private readonly database: DatabaseHealthIndicator,
    @Inject(ConsumerHealthIndicator) private readonly consumer: ConsumerHealthIndicator,
    @Inject(TransportHealthIndicator) private readonly transport: TransportHealthIndicator,
  ) {}

  /** The process serves; a restart cannot fix an outage of the database or broker, so nothing else is checked. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready: database and broker answer, and the consume loop runs and is not stalled. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.check(),
      () => this.transport.check(),
      () => this.consumer.check(),
    ]);
  }
}
