import { Controller, Get, Header, Inject } from '@nestjs/common';
import { WorkerMetrics } from '@inner-circle/worker-runtime';
import { Public } from '../auth/auth.decorators.js';

/**
 * `/metrics` in embedded mode: the api and its worker are one process, so one Prometheus
 * registry (the worker's, which also carries the process's default metrics) is scraped
 * here, on the api's port, like the standalone worker's on WORKER_PORT.
 */
@Public()
@Controller('metrics')
export class EmbeddedMetricsController {
  constructor(@Inject(WorkerMetrics) private readonly metrics: WorkerMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
