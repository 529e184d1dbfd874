import { registerEnumType } from '@nestjs/graphql';
import { Period } from '@inner-circle/domain';

/**
 * The domain's Period, under a GraphQL name of its own: campaigns expose periods too, and one
 * TS enum registered twice under two names would collide in the schema.
 */
export enum TierQuotaPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(TierQuotaPeriod, {
  name: 'TierQuotaPeriod',
  description: 'Calendar period of an admission quota, in the business’s time zone (weeks start Monday).',
});

export function toDomainPeriod(period: TierQuotaPeriod): Period {
  switch (period) {
    case TierQuotaPeriod.WEEK:
      return Period.WEEK;
    case TierQuotaPeriod.MONTH:
      return Period.MONTH;
  }
}

export function fromDomainPeriod(period: Period): TierQuotaPeriod {
  switch (period) {
    case Period.WEEK:
      return TierQuotaPeriod.WEEK;
    case Period.MONTH:
      return TierQuotaPeriod.MONTH;
  }
}
