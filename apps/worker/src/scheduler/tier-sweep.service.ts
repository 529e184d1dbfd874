import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { resolveScoringSettings } from '@inner-circle/domain';
import { BusinessRepository, TierEvaluationRepository, TransactionRunner } from '@inner-circle/persistence';
import { TierEvaluationService } from '../tiers/tier-evaluation.service.js';
import { type BackgroundLoop, startBackgroundLoop } from './background-loop.js';

const SWEEP_INTERVAL_MS = 15_000;
const BUSINESSES_PER_SWEEP = 100;
/** Customers per transaction: bounded work per commit, and a crash loses at most one batch of progress. */
const BATCH_SIZE = 500;

/**
 * Tier work that no interaction triggers: applying a new ladder to every customer
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

  /** One pass over every business with pending tier work. */
  async sweepOnce(now: Date = new Date()): Promise<void> {
    const businessIds = await this.transactions.run((tx) =>
      this.evaluation.businessesToSweep(now, BUSINESSES_PER_SWEEP, tx),
    );
    for (const businessId of businessIds) {
      if (this.stopping) return;
      await this.reevaluateLadder(businessId, now);
      await this.sweepGraceAndWaitlists(businessId, now);
    }
  }

  private async reevaluateLadder(businessId: string, now: Date): Promise<void> {
    let more = true;
    while (more && !this.stopping) {
      more = await this.transactions.run(async (tx) => {
        if (!(await this.evaluation.tryLockBusinessSweep(tx, businessId))) return false;
        const state = await this.evaluation.lockReevaluation(tx, businessId);
        if (!state || state.evaluatedLadderVersion >= state.ladderVersion) return false;
        const ids = await this.evaluation.nextCustomerIds(businessId, state.cursor, BATCH_SIZE, tx);
        if (!ids.length) {
          await this.evaluation.saveReevaluationProgress(tx, businessId, {
            completedVersion: state.ladderVersion,
          });
          this.logger.log(
            { businessId, ladderVersion: state.ladderVersion },
            'ladder applied to every customer',
          );
          return false;
        }
        await this.tiers.evaluate(tx, businessId, ids, now);
        await this.evaluation.saveReevaluationProgress(tx, businessId, { cursor: ids.at(-1)! });
        return true;
      });
    }
  }

  private async sweepGraceAndWaitlists(businessId: string, now: Date): Promise<void> {
    let more = true;
    while (more && !this.stopping) {
      more = await this.transactions.run(async (tx) => {
        if (!(await this.evaluation.tryLockBusinessSweep(tx, businessId))) return false;
        const profile = (await this.businesses.findScoringProfiles([businessId], tx)).get(businessId);
        const settings = resolveScoringSettings(profile?.scoringSettings, profile?.timeZone ?? 'UTC');
        const [expired, faded] = await Promise.all([
          this.evaluation.findGraceExpired(businessId, now, BATCH_SIZE, tx),
          this.evaluation.findDecayedBelowRetain(businessId, now, settings.halfLifeDays, BATCH_SIZE, tx),
        ]);
        // Evaluating (even nobody) also runs the waitlist admission pass.
        await this.tiers.evaluate(tx, businessId, [...new Set([...expired, ...faded])], now, settings);
        return expired.length === BATCH_SIZE || faded.length === BATCH_SIZE;
      });
    }
  }
}
