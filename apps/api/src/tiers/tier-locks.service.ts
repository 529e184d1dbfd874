import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import type { TierLock } from '@inner-circle/domain';
import {
  AuditRepository,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { TierEvaluationService } from '@inner-circle/worker-runtime';
import type { CustomerTierLockStateObject } from './dto/customer-tier-lock-state.object.js';
import type { LockCustomerTierInput, UnlockCustomerTierArgs } from './dto/lock-customer-tier.input.js';
import { toTierObject } from './tier.mapper.js';
import { TiersErrorCode, TiersException } from './tiers.exception.js';
import type { Actor } from './tiers.service.js';
import { API_EVENT_SOURCE } from '../common/event-source.js';

@Injectable()
export class TierLocksService {
  constructor(
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(TierMoveRepository) private readonly moves: TierMoveRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(TierEvaluationService) private readonly decisions: TierEvaluationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Pins the customer to the tier. The domain decides (a lock in force wins: LOCKED) and the
   * move goes through the one tier-change path, taking a seat even in a full tier: a lock is
   * the owner's explicit choice. Ladder changes and locks of a business are serialised by the
   * business row lock.
   */
  async lock(actor: Actor, input: LockCustomerTierInput): Promise<CustomerTierLockStateObject> {
    const now = this.clock.now();
    const until = input.until ?? null;
    if (until !== null && until.getTime() <= now.getTime()) {
      throw new TiersException(TiersErrorCode.LockInPast, 'A lock must end in the future', {
        field: 'input.until',
      });
    }
    return this.transactions.run(async (transaction) => {
      const ladder = await this.tiers.lockLadder(transaction, actor.businessId);
      const tier = ladder?.tiers.find((t) => t.id === input.tierId);
      if (!ladder || !tier) throw notFound(TiersErrorCode.TierNotFound, 'input.tierId');
      const current = await this.moves.lockTierState(transaction, actor.businessId, input.customerId);
      if (!current) throw notFound(TiersErrorCode.CustomerNotFound, 'input.customerId');

      const lock: TierLock = { tierId: tier.id, until, reason: input.reason };
      await this.moves.setLock(transaction, actor.businessId, input.customerId, lock);
      // The one tier-change path: the domain's plan (a lock in force wins, even in a full tier)
      // and the writer the worker uses; the seat a move frees goes to the waitlist at once.
      await this.decisions.evaluate(transaction, actor.businessId, [input.customerId], now, undefined, {
        source: API_EVENT_SOURCE,
      });
      const after = await this.moves.lockTierState(transaction, actor.businessId, input.customerId);
      const result = { changed: after?.tierId !== current.tierId };

      await this.audit.record(transaction, {
        businessId: actor.businessId,
        actorKeyId: actor.apiKeyId,
        action: 'customer.tier_locked',
        targetType: 'customer',
        targetId: input.customerId,
        details: {
          tierId: tier.id,
          until: until?.toISOString() ?? null,
          reason: input.reason,
          fromTierId: current.tierId,
          moved: result.changed,
          previousLock: current.lock && { ...current.lock, until: current.lock.until?.toISOString() ?? null },
        },
        at: now,
      });
      const [seated] = await this.tiers.findByIds(actor.businessId, [tier.id], transaction);
      return {
        customerId: input.customerId,
        locked: true,
        tier: toTierObject(seated),
        until,
        reason: input.reason,
      };
    });
  }

  /**
   * Removes the lock. The customer keeps the tier they hold until the worker next decides
   * for them (their next interaction, a grace expiry or a ladder change), which then places
   * them by score, seats and quota like anyone else.
   */
  async unlock(actor: Actor, args: UnlockCustomerTierArgs): Promise<CustomerTierLockStateObject> {
    const now = this.clock.now();
    return this.transactions.run(async (transaction) => {
      const current = await this.moves.lockTierState(transaction, actor.businessId, args.customerId);
      if (!current) throw notFound(TiersErrorCode.CustomerNotFound, 'customerId');
      if (current.lock) {
        await this.moves.clearLock(transaction, actor.businessId, args.customerId);
        await this.audit.record(transaction, {
          businessId: actor.businessId,
          actorKeyId: actor.apiKeyId,
          action: 'customer.tier_unlocked',
          targetType: 'customer',
          targetId: args.customerId,
          details: {
            reason: args.reason ?? null,
            previousLock: { ...current.lock, until: current.lock.until?.toISOString() ?? null },
            tierId: current.tierId,
          },
          at: now,
        });
      }
      return { customerId: args.customerId, locked: false, tier: null, until: null, reason: null };
    });
  }
}

function notFound(code: TiersErrorCode.CustomerNotFound | TiersErrorCode.TierNotFound, field: string) {
  const what = code === TiersErrorCode.CustomerNotFound ? 'customer' : 'tier';
  return new TiersException(code, `No such ${what}`, { field });
}
