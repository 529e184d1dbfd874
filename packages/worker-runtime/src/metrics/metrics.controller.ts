import { Controller, Get, Header, Inject } from '@nestjs/common';
import { WorkerMetrics } from './worker-metrics.js';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(WorkerMetrics) private readonly metrics: WorkerMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
