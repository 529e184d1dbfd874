import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';

/** The side effects of a GDPR erasure, each run inside the caller's transaction. */
export class CustomerErasureRepository {
  // Same constructor shape as every repository so provideRepositories can build it.
  constructor(_dataSource: DataSource) {}

  /**
   * Interactions stay (they are keyed by customer id, which no longer names anyone) but
   * free text goes, and referrals naming the old external ref now name the erased one.
   */
  async anonymiseInteractions(
    transaction: Transaction,
    businessId: string,
    customerId: string,
    formerExternalRef: string,
  ): Promise<number> {
    const [, commented]: [unknown[], number] = await transaction.query(
      `UPDATE interactions SET comment = NULL
        WHERE business_id = $1 AND customer_id = $2 AND comment IS NOT NULL`,
      [businessId, customerId],
    );
    await transaction.query(
      `UPDATE interactions SET referred_customer_ref = 'erased:' || $2::text
        WHERE business_id = $1 AND referred_customer_ref = $3`,
      [businessId, customerId, formerExternalRef],
    );
    return commented;
  }
}
