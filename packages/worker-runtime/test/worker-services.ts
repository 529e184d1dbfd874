import {
  BusinessRepository,
  CustomerActivityRepository,
  CustomerRepository,
  createDataSource,
  LongWorkProgressRepository,
  OutboxRepository,
  TierEvaluationRepository,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { type Clock, systemClock } from '@inner-circle/nest-runtime';
import type { DataSource } from 'typeorm';
import { InteractionIngestService } from '../src/interactions/interaction-ingest.service';
import { WorkerMetrics } from '../src/metrics/worker-metrics';
import { TierSweepService } from '../src/scheduler/tier-sweep.service';
import { ScoreRecomputeService } from '../src/scores/score-recompute.service';
import { TierEvaluationService } from '../src/tiers/tier-evaluation.service';

/** The worker's services wired by hand on the test database, as the Nest module wires them. */
export interface WorkerServices {
  dataSource: DataSource;
  metrics: WorkerMetrics;
  transactions: TransactionRunner;
  activity: CustomerActivityRepository;
  evaluation: TierEvaluationService;
  ingest: InteractionIngestService;
  sweep: TierSweepService;
}

/** `clock`: what the services take as now (a test that moves time gives a `ManualClock`). */
export async function startWorkerServices(clock: Clock = systemClock): Promise<WorkerServices> {
  const dataSource = createDataSource({ url: process.env.TEST_DATABASE_URL!, poolSize: 8 });
  await dataSource.initialize();
  const metrics = new WorkerMetrics();
  const transactions = new TransactionRunner(dataSource);
  const activity = new CustomerActivityRepository(dataSource);
  const recompute = new ScoreRecomputeService(activity);
  const evaluation = new TierEvaluationService(
    new TierRepository(dataSource),
    new TierMoveRepository(),
    new TierEvaluationRepository(),
    new BusinessRepository(dataSource),
    new OutboxRepository(dataSource),
    metrics,
  );
  const ingest = new InteractionIngestService(
    transactions,
    new TierRepository(dataSource),
    new CustomerRepository(dataSource),
    evaluation,
    recompute,
    metrics,
    clock,
  );
  const sweep = new TierSweepService(
    transactions,
    new TierEvaluationRepository(),
    evaluation,
    new BusinessRepository(dataSource),
    new CustomerRepository(dataSource),
    new TierRepository(dataSource),
    recompute,
    metrics,
    new LongWorkProgressRepository(dataSource),
    clock,
  );
  return { dataSource, metrics, transactions, activity, evaluation, ingest, sweep };
}
