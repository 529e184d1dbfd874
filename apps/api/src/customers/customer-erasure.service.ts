import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ScoreState, scoreAt } from '@inner-circle/domain';
import {
  AuditRepository,
  CustomerDirectoryRepository,
  CustomerErasureRepository,
  TierMoveRefusedError,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import type { Caller } from '../auth/caller.js';
import { toCustomerObject } from './customer.mapper.js';
import { CustomerErrorCode, CustomerException } from './customers.exception.js';
import type { CustomerObject } from './dto/customer.object.js';

/**
 * GDPR erasure in one transaction: personal fields wiped, the seat given back, history and
 * audit written. Erasing an erased customer is idempotent: it returns the erased customer
 * and writes nothing more (a retried request must not fail nor double the audit).
 */
@Injectable()
export class CustomerErasureService {
  private readonly logger = new Logger(CustomerErasureService.name);

  constructor(
    @Inject(CustomerDirectoryRepository) private readonly directory: CustomerDirectoryRepository,
    @Inject(CustomerErasureRepository) private readonly erasure: CustomerErasureRepository,
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(TierMoveRepository) private readonly tierMoves: TierMoveRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
  ) {}

  async erase(caller: Caller, customerId: string): Promise<CustomerObject> {
    const { businessId } = caller;
    const erased = await this.transactions.run(async (transaction) => {
      const customer = await this.directory.lockById(transaction, businessId, customerId);
      if (!customer) throw new CustomerException(CustomerErrorCode.NotFound, 'Customer not found');
      if (customer.erasedAt) return customer;

      const now = new Date();
      const releasedTierId = customer.tierId;
      if (releasedTierId) {
        // The caller's settings were read with its key, before this transaction, as the separate read was.
        const score = customer.scoreState
          ? scoreAt(customer.scoreState as unknown as ScoreState, now, caller.scoringSettings)
          : 0;
        const ladder = await this.tiers.findLadder(businessId, transaction);
        // The one tier-change path: the seat goes back, history and the tier-changed event are written.
        const move = await this.tierMoves.applyMove(transaction, {
          businessId,
          customerId,
          fromTierId: releasedTierId,
          toTierId: null,
          reason: 'ERASED',
          score,
          ladderVersion: ladder?.version ?? 0,
          countsAsAdmission: false,
          ignoreCapacity: true,
          lock: null,
          at: now,
        });
        if (!move.applied) throw new TierMoveRefusedError(move.refusal);
      }
      const commentsWiped = await this.erasure.anonymiseInteractions(
        transaction,
        businessId,
        customerId,
        customer.externalRef,
      );
      const record = await this.directory.erasePersonalData(transaction, businessId, customerId);
      await this.audit.record(transaction, {
        businessId,
        actorKeyId: caller.apiKeyId,
        action: 'customer.erased',
        targetType: 'customer',
        targetId: customerId,
        details: { releasedTierId, commentsWiped },
        at: now,
      });
      return record;
    });
    this.logger.log({ businessId, customerId }, 'customer erased');
    return toCustomerObject(erased);
  }
}
