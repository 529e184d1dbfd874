import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';

export interface OutboxMessage {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
}

export interface NewOutboxMessage {
  eventId: string;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
}

/**
 * Events written in the same transaction as the change they announce, published later by
 * the relay. Claiming with SKIP LOCKED lets several relays share the table without ever
 * publishing the same row concurrently.
 */
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The one writer of the outbox: every event (tier changes, warnings, …) goes through here, in
   * one statement per call. Rows get their ids in the given order, which the relay publishes in.
   */
  async add(transaction: Transaction, messages: NewOutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    await transaction.query(
      `INSERT INTO outbox (event_id, topic, message_key, payload)
       SELECT m.event_id, m.topic, m.message_key, m.payload
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])
              WITH ORDINALITY AS m(event_id, topic, message_key, payload, n)
        ORDER BY m.n`,
      [
        messages.map((m) => m.eventId),
        messages.map((m) => m.topic),
        messages.map((m) => m.key),
        messages.map((m) => JSON.stringify(m.payload)),
      ],
    );
  }

  /**
   * The oldest unpublished rows, locked for this transaction (rows other relays hold are skipped)
   * and marked published in the same statement: the mark commits only if the caller's
   * transaction does, so a relay that dies before commit leaves them unpublished. One round trip
   * instead of a claim and a mark.
   */
  async claimAndMarkPublished(transaction: Transaction, limit: number, at: Date): Promise<OutboxMessage[]> {
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affectedCount].
    const [rows]: [
      {
        id: string;
        event_id: string;
        topic: string;
        message_key: string;
        payload: Record<string, unknown>;
      }[],
      number,
    ] = await transaction.query(
      `UPDATE outbox AS o SET published_at = $2
        WHERE o.id IN (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1
                          FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.event_id, o.topic, o.message_key, o.payload`,
      [limit, at],
    );
    // RETURNING has no order: publish in id (commit) order, as the claim read them.
    return rows
      .map((row) => ({
        id: row.id,
        eventId: row.event_id,
        topic: row.topic,
        key: row.message_key,
        payload: row.payload,
      }))
      .sort((a, b) => compareBigintIds(a.id, b.id));
  }

  /** Whether any row waits to be published (the partial index on unpublished rows answers it). */
  async hasUnpublished(): Promise<boolean> {
    const [row]: { pending: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL) AS pending',
    );
    return row?.pending ?? false;
  }

  async countUnpublished(): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL',
    );
    return row?.count ?? 0;
  }
}

/** bigint ids arrive as strings: shorter is smaller, then by text. */
function compareBigintIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
