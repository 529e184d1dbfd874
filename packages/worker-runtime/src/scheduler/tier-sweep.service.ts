import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  LADDER_BATCH_SIZE,
  rankKeyForScore,
  resolveScoringSettings,
  type ScoringSettings,
} from '@inner-circle/domain';
import {
  BusinessRepository,
  CustomerRepository,
  LongWorkProgressRepository,
  TierEvaluationRepository,
  TierRepository,
  TransactionRunner,
  type Transaction,
} from '@inner-circle/persistence';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { ScoreRecomputeService } from '../scores/score-recompute.service.js';
import { TierEvaluationService, WORKER_EVENT_SOURCE } from '../tiers/tier-evaluation.service.js';
import { type BackgroundLoop, startBackgroundLoop } from './background-loop.js';

const SWEEP_INTERVAL_MS = 15_000;
/** Tiers whose appended seat changes one sweep pass folds (bounded work per tick). */
const SEAT_FOLDS_PER_SWEEP = 50;
const BUSINESSES_PER_SWEEP = 100;
/** Customers per transaction: bounded work per commit, and a crash loses at most one batch of progress. */
const BATCH_SIZE = 500;

/**
 * Tier work that no interaction triggers: recomputing every score from stored interactions after
 * the scoring model or settings change (batched, resumable, tier moves as usual), applying a new ladder to every customer
 * (batched, resumable from a cursor after a crash), starting grace when a score fades
 * below its tier's retain score (warning of the downgrade), downgrading when grace runs out, and
 * admitting from waitlists when seats free up or a new quota period opens. Safe with
 * several workers: one sweeper per business at a time (advisory lock), the rest skip it.
 */
@Injectable()
export class TierSweepService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TierSweepService.name);
  private loop: BackgroundLoop | undefined;

  constructor(
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(TierEvaluationRepository) private readonly evaluation: TierEvaluationRepository,
    @Inject(TierEvaluationService) private readonly tiers: TierEvaluationService,
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(TierRepository) private readonly tierRows: TierRepository,
    @Inject(ScoreRecomputeService) private readonly recompute: ScoreRecomputeService,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(LongWorkProgressRepository) private readonly progress: LongWorkProgressRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = startBackgroundLoop(
      async () => {
        await this.sweepOnce();
        return SWEEP_INTERVAL_MS;
      },
      { errorPauseMs: SWEEP_INTERVAL_MS, logger: this.logger, what: 'tier sweep' },
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  private get stopping(): boolean {
    return this.loop?.signal.aborted ?? false;
  }

  /** One pass over every business with pending tier work, as of the clock's now. */
  async sweepOnce(): Promise<void> {
    const now = this.clock.now();
    // One read, no transaction: most ticks find only the grace and waitlist pass to do.
    const businesses = await this.transactions.outside((tx) =>
      this.evaluation.businessesToSweep(now, BUSINESSES_PER_SWEEP, tx),
    );
    for (const business of businesses) {
      if (this.stopping) return;
      // A job that was done when listed is skipped; one that starts later is listed next tick.
      if (business.recompute) await this.recomputeScores(business.id, now);
      if (business.reevaluate) await this.reevaluateLadder(business.id, now);
      await this.sweepGraceAndWaitlists(business.id, now);
    }
    await this.foldSeatChanges();
  }

  /**
   * Folds the seat changes the ingest appended for unbounded tiers into their member_count, one
   * tier per short transaction and at most SEAT_FOLDS_PER_SWEEP tiers a pass, so the table stays
   * small and readers sum few rows. Each fold waits for the batches holding its tier in share
   * mode, and holds off new ones only for its one statement. Returns how many tiers it folded.
   */
  async foldSeatChanges(): Promise<number> {
    const tierIds = await this.tierRows.tiersWithSeatChanges(SEAT_FOLDS_PER_SWEEP);
    for (const tierId of tierIds) {
      if (this.stopping) return 0;
      await this.transactions.run((tx) => this.tierRows.foldSeatChanges(tx, tierId));
    }
    return tierIds.length;
  }

  /**
   * When a batch of a long job starts, for its progress record. Not the sweep's `now`: that one
   * stays fixed through a whole pass (every decision of a pass is as of one instant), while a
   * person reading the progress wants when each batch really ran.
   */
  private progressTime(): Date {
    return this.clock.now();
  }

  private async settingsOf(tx: Transaction, businessId: string): Promise<ScoringSettings> {
    const profile = (await this.businesses.findScoringProfiles([businessId], tx)).get(businessId);
    return resolveScoringSettings(profile?.scoringSettings, profile?.timeZone ?? 'UTC');
  }

  /** Rebuilds every score of the business under its current scoring version, a batch per transaction. */
  private async recomputeScores(businessId: string, now: Date): Promise<void> {
    let more = true;
    while (more && !this.stopping) {
      more = await this.transactions.run(async (tx) => {
        if (!(await this.evaluation.tryLockBusinessSweep(tx, businessId))) return false;
        const state = await this.businesses.lockScoreRecompute(tx, businessId);
        if (!state || state.recomputedVersion >= state.scoringVersion) return false;
        const run = { businessId, kind: 'SCORE_RECOMPUTE', version: state.scoringVersion } as const;
        const at = this.progressTime();
        const ids = await this.evaluation.nextCustomerIds(businessId, state.cursor, BATCH_SIZE, tx);
        if (!ids.length) {
          await this.businesses.saveScoreRecomputeProgress(tx, businessId, {
            completedVersion: state.scoringVersion,
          });
          await this.progress.finish(tx, run, at);
          this.logger.log(
            { businessId, scoringVersion: state.scoringVersion },
            'scores recomputed for every customer',
          );
          return false;
        }
        const settings = await this.settingsOf(tx, businessId);
        // Customers first, in id order: the lock order every writer follows.
        await this.evaluation.lockCustomers(tx, businessId, ids);
        const states = await this.recompute.recompute(tx, businessId, ids, settings);
        await this.customers.updateScores(tx, businessId, this.recompute.updatesOf(states, settings));
        this.metrics.scoreRecomputes.inc(ids.length);
        await this.tiers.evaluate(tx, businessId, ids, now, settings, { source: WORKER_EVENT_SOURCE });
        await this.businesses.saveScoreRecomputeProgress(tx, businessId, { cursor: ids.at(-1)! });
        await this.progress.recordBatch(tx, run, { size: ids.length, lastCustomerId: ids.at(-1)! }, at);
        return true;
      });
    }
  }

  private async reevaluateLadder(businessId: string, now: Date): Promise<void> {
    let more = true;
    while (more && !this.stopping) {
      more = await this.transactions.run(async (tx) => {
        if (!(await this.evaluation.tryLockBusinessSweep(tx, businessId))) return false;
        const state = await this.evaluation.lockReevaluation(tx, businessId);
        if (!state || state.evaluatedLadderVersion >= state.ladderVersion) return false;
        const run = { businessId, kind: 'TIER_LADDER', version: state.ladderVersion } as const;
        const at = this.progressTime();
        // The what-if (LadderWhatIf) predicts this very procedure: same order, same batches.
        const ids = await this.evaluation.nextCustomerIds(businessId, state.cursor, LADDER_BATCH_SIZE, tx);
        if (!ids.length) {
          await this.evaluation.saveReevaluationProgress(tx, businessId, {
            completedVersion: state.ladderVersion,
          });
          await this.progress.finish(tx, run, at);
          this.logger.log(
            { businessId, ladderVersion: state.ladderVersion },
            'ladder applied to every customer',
          );
          return false;
        }
        await this.tiers.evaluate(tx, businessId, ids, now, undefined, { source: WORKER_EVENT_SOURCE });
        await this.evaluation.saveReevaluationProgress(tx, businessId, { cursor: ids.at(-1)! });
        await this.progress.recordBatch(tx, run, { size: ids.length, lastCustomerId: ids.at(-1)! }, at);
        return true;
      });
    }
  }

  private async sweepGraceAndWaitlists(businessId: string, now: Date): Promise<void> {
    let more = true;
    while (more && !this.stopping) {
      more = await this.transactions.run(async (tx) => {
        if (!(await this.evaluation.tryLockBusinessSweep(tx, businessId))) return false;
        const settings = await this.settingsOf(tx, businessId);
        const retainKeys = new Map(
          ((await this.tierRows.findLadder(businessId, tx))?.tiers ?? []).map((tier) => [
            tier.id,
            rankKeyForScore(tier.retainScore, now, settings),
          ]),
        );
        const [expired, faded] = await Promise.all([
          this.evaluation.findGraceExpired(businessId, now, retainKeys, BATCH_SIZE, tx),
          this.evaluation.findDecayedBelowRetain(businessId, retainKeys, BATCH_SIZE, tx),
        ]);
        // Evaluating (even nobody) also runs the waitlist admission pass.
        await this.tiers.evaluate(tx, businessId, [...new Set([...expired, ...faded])], now, settings, {
          source: WORKER_EVENT_SOURCE,
        });
        return expired.length === BATCH_SIZE || faded.length === BATCH_SIZE;
      });
    }
  }
}
