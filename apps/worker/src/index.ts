export { WorkerModule } from './worker.module.js';
export { ConsumerHealthIndicator } from './health/consumer.health.js';
