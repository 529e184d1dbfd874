import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import {
  AuditRepository,
  CustomerDirectoryRepository,
  CustomerErasureRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { TierEvaluationService } from '@inner-circle/worker-runtime';
import type { Caller } from '../auth/caller.js';
import { API_EVENT_SOURCE } from '../common/event-source.js';
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
    @Inject(TierEvaluationService) private readonly decisions: TierEvaluationService,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(caller: Caller, customerId: string): Promise<CustomerObject> {
    const { businessId } = caller;
    const erased = await this.transactions.run(async (transaction) => {
      const customer = await this.directory.lockById(transaction, businessId, customerId);
      if (!customer) throw new CustomerException(CustomerErrorCode.NotFound, 'Customer not found');
      if (customer.erasedAt) return customer;

      const now = this.clock.now();
      const releasedTierId = customer.tierId;
      if (releasedTierId !== null || customer.waitlistedForTierId !== null) {
        // The one tier-change path: the domain's plan gives the seat back (history and the
        // tier-changed event written) and offers it to the waitlist at once.
        await this.decisions.evaluate(transaction, businessId, [customerId], now, caller.scoringSettings, {
          leaving: [customerId],
          source: API_EVENT_SOURCE,
        });
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
