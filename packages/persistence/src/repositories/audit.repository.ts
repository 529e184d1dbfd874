import type { Transaction } from '../transaction-runner.js';

/** One owner action on the business's data, kept for accountability (who, what, when). */
export interface AuditEntry {
  businessId: string;
  /** The API key that acted; null for system actions. */
  actorKeyId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  at: Date;
}

export class AuditRepository {
  /** Written in the caller's transaction, so the record exists exactly when the change does. */
  async record(transaction: Transaction, entry: AuditEntry): Promise<void> {
    await transaction.query(
      `INSERT INTO audit_log (business_id, actor_key_id, action, target_type, target_id, details, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.businessId,
        entry.actorKeyId,
        entry.action,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.details),
        entry.at,
      ],
    );
  }
}
