import type { Transaction } from '../transaction-runner.js';

export interface NewInteraction {
  businessId: string;
  id: string;
  customerId: string;
  type: string;
  occurredAt: Date;
  amount: number | null;
  currency: string | null;
  rating: number | null;
  comment: string | null;
  referredCustomerRef: string | null;
  campaignId: string | null;
}

export class InteractionRepository {
  /**
   * Inserts the interactions not recorded before and returns the ids that were new.
   * The primary key is the dedupe record, so a redelivered event inserts nothing.
   */
  async insertNew(transaction: Transaction, rows: NewInteraction[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const inserted: { business_id: string; id: string }[] = await transaction.query(
      `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, amount, currency, rating,
                                 comment, referred_customer_ref, campaign_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::numeric[],
                            $7::text[], $8::smallint[], $9::text[], $10::text[], $11::uuid[])
       ON CONFLICT (business_id, id) DO NOTHING
       RETURNING business_id, id`,
      [
        rows.map((r) => r.businessId),
        rows.map((r) => r.id),
        rows.map((r) => r.customerId),
        rows.map((r) => r.type),
        rows.map((r) => r.occurredAt),
        rows.map((r) => r.amount),
        rows.map((r) => r.currency),
        rows.map((r) => r.rating),
        rows.map((r) => r.comment),
        rows.map((r) => r.referredCustomerRef),
        rows.map((r) => r.campaignId),
      ],
    );
    return new Set(inserted.map((row) => interactionDedupeKey(row.business_id, row.id)));
  }
}

/** Interaction ids are unique per business only. */
export function interactionDedupeKey(businessId: string, id: string): string {
  return `${businessId}/${id}`;
}
