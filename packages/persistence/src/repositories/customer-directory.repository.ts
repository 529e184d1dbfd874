import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import {
  type CustomerRecord,
  customerRecordColumns,
  type RawCustomerRow,
  toCustomerRecord,
} from './customer-record.js';
import { isUuid } from './is-uuid.js';

export type CustomerSortField = 'SCORE' | 'JOINED_AT' | 'LAST_INTERACTION_AT';
export type SortDirection = 'ASC' | 'DESC';

export interface CustomerListFilter {
  tierId?: string;
  /** Bounds on the rank key (the domain's rankKeyForScore of a score as of now): indexed, time-invariant. */
  minScoreKey?: number;
  maxScoreKey?: number;
  waitlisted?: boolean;
  /** Substring of name or email, case-insensitive; LIKE wildcards in it are literal. */
  search?: string;
}

export interface CustomerListQuery {
  filter: CustomerListFilter;
  sort: { field: CustomerSortField; direction: SortDirection };
  /** Keyset position: the sort key (as `sortKey` returned it) and id of the last row seen. */
  after?: { sortKey: string; id: string };
  limit: number;
}

export interface CustomerListRow {
  record: CustomerRecord;
  /** The sort value as PostgreSQL text, which casts back exactly (cursor material). */
  sortKey: string;
}

export interface NewCustomer {
  externalRef: string;
  name: string | null;
  email: string | null;
  marketingConsent: boolean;
}

export interface CustomerPatch {
  name?: string | null;
  email?: string | null;
  marketingConsent?: boolean;
}

/** An import row: a missing name/email/consent keeps the stored value on update. */
export interface CustomerImportRecord {
  externalRef: string;
  name: string | null;
  email: string | null;
  marketingConsent: boolean | null;
}

export interface CustomerImportOutcome {
  id: string;
  externalRef: string;
  inserted: boolean;
}

// Nulls last when descending, first when ascending: -infinity keeps the keyset a total order.
const SORT_EXPRESSIONS: Record<CustomerSortField, { expression: string; type: string }> = {
  SCORE: { expression: 'c.score_key', type: 'float8' },
  JOINED_AT: { expression: 'c.joined_at', type: 'timestamptz' },
  LAST_INTERACTION_AT: {
    expression: "COALESCE(c.last_interaction_at, '-infinity'::timestamptz)",
    type: 'timestamptz',
  },
};

/** Rows per upsert statement: big enough to amortise round trips, small enough to keep statements light. */
export const IMPORT_CHUNK_SIZE = 1000;

/** The api's reads and writes of customers; every statement is scoped to the business. */
export class CustomerDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(businessId: string, id: string): Promise<CustomerRecord | null> {
    const rows: RawCustomerRow[] = await this.dataSource.query(
      `SELECT ${customerRecordColumns('c')} FROM customers c WHERE c.business_id = $1 AND c.id = $2`,
      [businessId, id],
    );
    return rows[0] ? toCustomerRecord(rows[0]) : null;
  }

  /** Many customers by id (DataLoader batches), in no particular order; unknown ids are left out. */
  async findByIds(businessId: string, ids: readonly string[]): Promise<CustomerRecord[]> {
    const valid = ids.filter((id) => isUuid(id));
    if (!valid.length) return [];
    const rows: RawCustomerRow[] = await this.dataSource.query(
      `SELECT ${customerRecordColumns('c')} FROM customers c WHERE c.business_id = $1 AND c.id = ANY($2::uuid[])`,
      [businessId, valid],
    );
    return rows.map(toCustomerRecord);
  }

  async findByExternalRef(businessId: string, externalRef: string): Promise<CustomerRecord | null> {
    const rows: RawCustomerRow[] = await this.dataSource.query(
      `SELECT ${customerRecordColumns('c')} FROM customers c
        WHERE c.business_id = $1 AND c.external_ref = $2`,
      [businessId, externalRef],
    );
    return rows[0] ? toCustomerRecord(rows[0]) : null;
  }

  /** Locks the row for the rest of the transaction (erase, seat release). */
  async lockById(transaction: Transaction, businessId: string, id: string): Promise<CustomerRecord | null> {
    const rows: RawCustomerRow[] = await transaction.query(
      `SELECT ${customerRecordColumns('c')} FROM customers c
        WHERE c.business_id = $1 AND c.id = $2 FOR UPDATE`,
      [businessId, id],
    );
    return rows[0] ? toCustomerRecord(rows[0]) : null;
  }

  /** One page in (sort value, id) order; ask for one row more than the page to learn if another follows. */
  async list(businessId: string, query: CustomerListQuery): Promise<CustomerListRow[]> {
    const { expression, type } = SORT_EXPRESSIONS[query.sort.field];
    const params: unknown[] = [businessId];
    const conditions = filterConditions(query.filter, params);
    const descending = query.sort.direction === 'DESC';
    if (query.after) {
      params.push(query.after.sortKey, query.after.id);
      conditions.push(
        `(${expression}, c.id) ${descending ? '<' : '>'} ($${params.length - 1}::${type}, $${params.length}::uuid)`,
      );
    }
    params.push(query.limit);
    const direction = descending ? 'DESC' : 'ASC';
    const rows: (RawCustomerRow & { sort_key: string })[] = await this.dataSource.query(
      `SELECT ${customerRecordColumns('c')}, (${expression})::text AS sort_key
         FROM customers c
        WHERE ${conditions.join(' AND ')}
        ORDER BY ${expression} ${direction}, c.id ${direction}
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ record: toCustomerRecord(row), sortKey: row.sort_key }));
  }

  async count(businessId: string, filter: CustomerListFilter): Promise<number> {
    const params: unknown[] = [businessId];
    const conditions = filterConditions(filter, params);
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM customers c WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** null when the external ref is taken in this business (the unique index decides, not a prior read). */
  async create(businessId: string, customer: NewCustomer): Promise<CustomerRecord | null> {
    const rows: RawCustomerRow[] = await this.dataSource.query(
      `INSERT INTO customers AS c (business_id, external_ref, name, email, marketing_consent)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (business_id, external_ref) DO NOTHING
       RETURNING ${customerRecordColumns('c')}`,
      [businessId, customer.externalRef, customer.name, customer.email, customer.marketingConsent],
    );
    return rows[0] ? toCustomerRecord(rows[0]) : null;
  }

  /** Applies the fields present in the patch; null when no such live (non-erased) customer. */
  async update(businessId: string, id: string, patch: CustomerPatch): Promise<CustomerRecord | null> {
    const params: unknown[] = [businessId, id];
    const sets = ['updated_at = now()'];
    const column = { name: 'name', email: 'email', marketingConsent: 'marketing_consent' } as const;
    for (const key of Object.keys(column) as (keyof typeof column)[]) {
      if (patch[key] === undefined) continue;
      params.push(patch[key]);
      sets.push(`${column[key]} = $${params.length}`);
    }
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [RawCustomerRow[], number] = await this.dataSource.query(
      `UPDATE customers AS c SET ${sets.join(', ')}
        WHERE c.business_id = $1 AND c.id = $2 AND c.erased_at IS NULL
        RETURNING ${customerRecordColumns('c')}`,
      params,
    );
    return rows[0] ? toCustomerRecord(rows[0]) : null;
  }

  /**
   * Creates or updates a chunk of import rows in one statement. External refs must be unique
   * within the chunk (PostgreSQL refuses to update a row twice in one statement).
   */
  async upsertImportChunk(
    transaction: Transaction,
    businessId: string,
    rows: CustomerImportRecord[],
  ): Promise<CustomerImportOutcome[]> {
    if (!rows.length) return [];
    // Consent is read back from the input through the CTE because EXCLUDED cannot carry
    // "absent" into a NOT NULL column; name and email use NULL for "absent" directly.
    const outcomes: { id: string; external_ref: string; inserted: boolean }[] = await transaction.query(
      `WITH v AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[])
                AS v(external_ref, name, email, consent)
       )
       INSERT INTO customers AS c (business_id, external_ref, name, email, marketing_consent)
       SELECT $1, v.external_ref, v.name, v.email, COALESCE(v.consent, false) FROM v
       ON CONFLICT (business_id, external_ref) DO UPDATE
          SET name = COALESCE(EXCLUDED.name, c.name),
              email = COALESCE(EXCLUDED.email, c.email),
              marketing_consent = COALESCE(
                (SELECT v.consent FROM v WHERE v.external_ref = EXCLUDED.external_ref),
                c.marketing_consent),
              updated_at = now()
        WHERE c.erased_at IS NULL
       RETURNING c.id, c.external_ref, (c.xmax = 0) AS inserted`,
      [
        businessId,
        rows.map((r) => r.externalRef),
        rows.map((r) => r.name),
        rows.map((r) => r.email),
        rows.map((r) => r.marketingConsent),
      ],
    );
    return outcomes.map((o) => ({ id: o.id, externalRef: o.external_ref, inserted: o.inserted }));
  }

  /**
   * Wipes personal data and gives up any tier, waitlist place or lock. The external ref
   * becomes `erased:<id>` so the partner's identifier no longer points at the person.
   */
  async erasePersonalData(transaction: Transaction, businessId: string, id: string): Promise<CustomerRecord> {
    const [rows]: [RawCustomerRow[], number] = await transaction.query(
      `UPDATE customers AS c
          SET name = NULL, email = NULL, marketing_consent = false, external_ref = 'erased:' || c.id,
              tier_id = NULL, tier_since = NULL, grace_until = NULL, waitlisted_for_tier_id = NULL,
              qualified_at = NULL, lock_tier_id = NULL, lock_until = NULL, lock_reason = NULL,
              erased_at = now(), updated_at = now()
        WHERE c.business_id = $1 AND c.id = $2
        RETURNING ${customerRecordColumns('c')}`,
      [businessId, id],
    );
    if (!rows[0]) throw new Error(`customer ${id} vanished while locked for erasure`);
    return toCustomerRecord(rows[0]);
  }
}

function filterConditions(filter: CustomerListFilter, params: unknown[]): string[] {
  const conditions = ['c.business_id = $1'];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.tierId !== undefined) conditions.push(`c.tier_id = ${bind(filter.tierId)}::uuid`);
  if (filter.minScoreKey !== undefined) conditions.push(`c.score_key >= ${bind(filter.minScoreKey)}`);
  if (filter.maxScoreKey !== undefined) conditions.push(`c.score_key <= ${bind(filter.maxScoreKey)}`);
  if (filter.waitlisted !== undefined) {
    conditions.push(`c.waitlisted_for_tier_id IS ${filter.waitlisted ? 'NOT NULL' : 'NULL'}`);
  }
  if (filter.search !== undefined) {
    const pattern = bind(`%${escapeLike(filter.search)}%`);
    conditions.push(`(c.name ILIKE ${pattern} ESCAPE '\\' OR c.email ILIKE ${pattern} ESCAPE '\\')`);
  }
  return conditions;
}

/** Makes %, _ and \ literal in a LIKE pattern (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
