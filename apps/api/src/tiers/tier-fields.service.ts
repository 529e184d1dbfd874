import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { periodKey, scoreFromRankKey } from '@inner-circle/domain';
import type { Caller } from '../auth/caller.js';
import {
  admissionKey,
  BusinessRepository,
  TierRepository,
  type WaitlistCursor,
} from '@inner-circle/persistence';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { type Connection, toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor, PG_TIMESTAMP_TEXT } from '../common/pagination/cursor.js';
import { clientError } from '../graphql/client-error.js';
import { toCustomerObject } from '../customers/customer.mapper.js';
import type { TierObject } from './dto/tier.object.js';
import { toDomainPeriod } from './dto/tier-quota-period.enum.js';
import type { WaitlistEntryObject } from './dto/waitlist-entry.object.js';
import { isUUID } from 'class-validator';

/**
 * Per-tier fields that need other rows, batched per request so a ladder (or any list of
 * tiers) costs a fixed number of statements whatever its length. Always scoped by the
 * caller's business, not by the parent object.
 */
@Injectable()
export class TierFieldsService {
  constructor(
    @Inject(TierRepository) private readonly tiers: TierRepository,
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Admissions counted in the current quota period (business calendar); null without a quota. */
  quotaUsedThisPeriod(businessId: string, tier: TierObject, loaders: RequestLoaders): Promise<number | null> {
    const quota = tier.admissionQuota;
    if (!quota) return Promise.resolve(null);
    const now = this.clock.now();
    return loaders
      .get<string, number>('tiers.quotaUsedThisPeriod', async (keys) => {
        const business = await this.businesses.findById(businessId);
        const timeZone = business?.timeZone ?? 'UTC';
        const wanted = keys.map((key) => {
          const [tierId, period] = key.split('|');
          return {
            tierId,
            periodKey: periodKey(now, toDomainPeriod(period as typeof quota.period), timeZone),
          };
        });
        const counts = await this.tiers.countAdmissions(businessId, wanted);
        return wanted.map((w) => counts.get(admissionKey(w.tierId, w.periodKey)) ?? 0);
      })
      .load(`${tier.id}|${quota.period}`);
  }

  /** One page of the tier's waitlist in admission order (the domain's compareWaitlistEntries). */
  waitlist(
    caller: Caller,
    tierId: string,
    first: number,
    after: string | undefined,
    loaders: RequestLoaders,
  ): Promise<Connection<WaitlistEntryObject>> {
    const { businessId, scoringSettings } = caller;
    const now = this.clock.now();
    const cursor = after === undefined ? null : decodeWaitlistCursor(after);
    // Tiers asked with the same page arguments (a whole ladder, typically) share one batch.
    return loaders
      .get<string, Connection<WaitlistEntryObject>>(
        `tiers.waitlist:${first}:${after ?? ''}`,
        async (tierIds) => {
          const ids = [...tierIds];
          const [rows, totals] = await Promise.all([
            this.tiers.listWaitlists(businessId, ids, first + 1, cursor),
            this.tiers.countWaitlists(businessId, ids),
          ]);
          return ids.map((id) =>
            toConnection(
              rows.filter((row) => row.tierId === id),
              first,
              totals.get(id) ?? 0,
              (row) => encodeCursor([row.customer.scoreKey, row.qualifiedAtKey, row.customer.id]),
              (row) => ({
                rank: row.rank,
                customer: toCustomerObject(row.customer),
                score: scoreFromRankKey(row.customer.scoreKey, now, scoringSettings),
                qualifiedAt: row.customer.qualifiedAt,
              }),
              cursor !== null,
            ),
          );
        },
      )
      .load(tierId);
  }
}

function decodeWaitlistCursor(after: string): WaitlistCursor {
  const [scoreKey, qualifiedAtKey, customerId] = decodeCursor(after, 3);
  if (
    typeof scoreKey === 'number' &&
    (qualifiedAtKey === null ||
      (typeof qualifiedAtKey === 'string' && PG_TIMESTAMP_TEXT.test(qualifiedAtKey))) &&
    typeof customerId === 'string' &&
    isUUID(customerId)
  ) {
    return { scoreKey, qualifiedAtKey, customerId };
  }
  throw clientError('BAD_USER_INPUT', 'The cursor is not one this API issued', { field: 'after' });
}
