export { WorkerModule } from './worker.module.js';
export { ConsumerHealthIndicator } from './health/consumer.health.js';
export { WorkerAppModule } from './worker-app.module.js';
export { TierSweepService } from './scheduler/tier-sweep.service.js';
export { WorkerMetrics } from './metrics/worker-metrics.js';
export { InteractionConsumerService } from './consumer/interaction-consumer.service.js';
export {
  TierEvaluationService,
  type EvaluationOptions,
  WORKER_EVENT_SOURCE,
} from './tiers/tier-evaluation.service.js';
export { TierDecisionsModule } from './tiers/tier-decisions.module.js';
