import { Inject, Injectable } from '@nestjs/common';
import {
  CustomerDirectoryRepository,
  type CustomerImportRecord,
  IMPORT_CHUNK_SIZE,
  TransactionRunner,
} from '@inner-circle/persistence';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation/validation-exception.factory.js';
import { CustomerImportRowInput } from './dto/import-customers.input.js';
import {
  type CustomerImportResultObject,
  type ImportCustomersPayload,
  ImportRowStatus,
} from './dto/import-customers.payload.js';

interface ValidRow {
  row: number;
  record: CustomerImportRecord;
}

/**
 * Bulk create-or-update by external ref. Each row is validated on its own (a bad row is
 * reported, not fatal); the valid ones are written in chunked multi-row upserts inside one
 * transaction, so an import is applied entirely or, on a database failure, not at all.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    @Inject(CustomerDirectoryRepository) private readonly directory: CustomerDirectoryRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
  ) {}

  async import(businessId: string, rows: readonly object[]): Promise<ImportCustomersPayload> {
    const results: CustomerImportResultObject[] = [];
    const valid: ValidRow[] = [];
    const firstRowOfRef = new Map<string, number>();

    rows.forEach((raw, row) => {
      const input = plainToInstance(CustomerImportRowInput, raw);
      const externalRef = typeof input.externalRef === 'string' ? input.externalRef : null;
      const result: CustomerImportResultObject = {
        row,
        externalRef,
        status: ImportRowStatus.ERROR,
        customerId: null,
        message: null,
      };
      results.push(result);
      const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) {
        result.message = flattenValidationErrors(errors)
          .map((e) => `${e.field}: ${e.messages.join(', ')}`)
          .join('; ');
        return;
      }
      const first = firstRowOfRef.get(input.externalRef);
      if (first !== undefined) {
        result.message = `externalRef: duplicate of row ${first} in this import`;
        return;
      }
      firstRowOfRef.set(input.externalRef, row);
      valid.push({
        row,
        record: {
          externalRef: input.externalRef,
          name: input.name ?? null,
          email: input.email ?? null,
          marketingConsent: input.marketingConsent ?? null,
        },
      });
    });

    await this.transactions.run(async (transaction) => {
      for (let start = 0; start < valid.length; start += IMPORT_CHUNK_SIZE) {
        const chunk = valid.slice(start, start + IMPORT_CHUNK_SIZE);
        const outcomes = await this.directory.upsertImportChunk(
          transaction,
          businessId,
          chunk.map((v) => v.record),
        );
        const byRef = new Map(outcomes.map((o) => [o.externalRef, o]));
        for (const { row, record } of chunk) {
          const outcome = byRef.get(record.externalRef);
          const result = results[row];
          if (!outcome) {
            result.message = 'externalRef: belongs to an erased customer';
            continue;
          }
          result.status = outcome.inserted ? ImportRowStatus.CREATED : ImportRowStatus.UPDATED;
          result.customerId = outcome.id;
        }
      }
    });

    const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
    return {
      created: count(ImportRowStatus.CREATED),
      updated: count(ImportRowStatus.UPDATED),
      failed: count(ImportRowStatus.ERROR),
      results,
    };
  }
}
