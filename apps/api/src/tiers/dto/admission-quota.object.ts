import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TierQuotaPeriod } from './tier-quota-period.enum.js';

@ObjectType('AdmissionQuota', { description: 'At most `limit` admissions into the tier per period.' })
export class AdmissionQuotaObject {
  @Field(() => Int)
  limit!: number;

  @Field(() => TierQuotaPeriod)
  period!: TierQuotaPeriod;
}
