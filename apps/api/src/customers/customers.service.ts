import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { rankKeyForScore, type ScoringSettings } from '@inner-circle/domain';
import { CustomerDirectoryRepository, type CustomerListFilter } from '@inner-circle/persistence';
import { type Connection, lazyCount, toConnection } from '../common/pagination/connection.js';
import { decodeCustomerCursor, encodeCustomerCursor } from './customer-cursor.js';
import { toCustomerObject } from './customer.mapper.js';
import { CustomerErrorCode, CustomerException } from './customers.exception.js';
import type { CreateCustomerInput } from './dto/create-customer.input.js';
import type { CustomerObject } from './dto/customer.object.js';
import { CustomerSortField, type CustomersArgs, SortDirection } from './dto/customers.args.js';
import type { UpdateCustomerInput } from './dto/update-customer.input.js';

@Injectable()
export class CustomersService {
  constructor(
    @Inject(CustomerDirectoryRepository) private readonly directory: CustomerDirectoryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(businessId: string, id: string): Promise<CustomerObject> {
    const record = await this.directory.findById(businessId, id);
    if (!record) throw notFound();
    return toCustomerObject(record);
  }

  /** In the order asked; null for an id that is not a customer of this business. */
  async findByIds(businessId: string, ids: readonly string[]): Promise<(CustomerObject | null)[]> {
    const found = new Map(
      (await this.directory.findByIds(businessId, ids)).map((row) => [row.id, toCustomerObject(row)]),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  async getByExternalRef(businessId: string, externalRef: string): Promise<CustomerObject> {
    const record = await this.directory.findByExternalRef(businessId, externalRef);
    if (!record) throw notFound();
    return toCustomerObject(record);
  }

  /** Score bounds and the SCORE order are as of now, through the domain's time-invariant rank key. */
  async list(
    businessId: string,
    args: CustomersArgs,
    settings: ScoringSettings,
  ): Promise<Connection<CustomerObject>> {
    const now = this.clock.now();
    const { minScore, maxScore, ...rest } = args.filter ?? {};
    const filter: CustomerListFilter = {
      ...rest,
      ...(minScore !== undefined ? { minScoreKey: rankKeyForScore(minScore, now, settings) } : {}),
      ...(maxScore !== undefined ? { maxScoreKey: rankKeyForScore(maxScore, now, settings) } : {}),
    };
    if (minScore !== undefined && maxScore !== undefined && minScore > maxScore) {
      throw new CustomerException(
        CustomerErrorCode.InvalidScoreRange,
        'filter.minScore must not be greater than filter.maxScore',
        'filter.minScore',
      );
    }
    const sort = {
      field: args.sort?.field ?? CustomerSortField.JOINED_AT,
      direction: args.sort?.direction ?? SortDirection.DESC,
    };
    const after = args.after ? decodeCustomerCursor(args.after, sort.field) : undefined;
    const rows = await this.directory.list(businessId, { filter, sort, after, limit: args.first + 1 });
    return toConnection(
      rows,
      args.first,
      lazyCount(() => this.directory.count(businessId, filter)),
      (row) => encodeCustomerCursor(sort.field, row.sortKey, row.record.id),
      (row) => toCustomerObject(row.record),
      after !== undefined,
    );
  }

  async create(businessId: string, input: CreateCustomerInput): Promise<CustomerObject> {
    const record = await this.directory.create(businessId, {
      externalRef: input.externalRef,
      name: input.name ?? null,
      email: input.email ?? null,
      marketingConsent: input.marketingConsent ?? false,
    });
    if (!record) {
      throw new CustomerException(
        CustomerErrorCode.ExternalRefTaken,
        'A customer with this externalRef already exists',
        'input.externalRef',
      );
    }
    return toCustomerObject(record);
  }

  async update(businessId: string, id: string, input: UpdateCustomerInput): Promise<CustomerObject> {
    const record = await this.directory.update(businessId, id, {
      name: input.name,
      email: input.email,
      marketingConsent: input.marketingConsent,
    });
    if (record) return toCustomerObject(record);
    // Told apart only after the write failed, and only within the caller's business.
    const existing = await this.directory.findById(businessId, id);
    if (existing?.erasedAt) {
      throw new CustomerException(CustomerErrorCode.Erased, 'The customer was erased and cannot be updated');
    }
    throw notFound();
  }
}

function notFound(): CustomerException {
  return new CustomerException(CustomerErrorCode.NotFound, 'Customer not found');
}
