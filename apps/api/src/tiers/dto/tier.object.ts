import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AdmissionMode } from './admission-mode.enum.js';
import { AdmissionQuotaObject } from './admission-quota.object.js';

/**
 * `quotaUsedThisPeriod` and `waitlist` are resolved by TierFieldsResolver through per-request
 * DataLoaders, so any feature returning a TierObject gets them without N+1 queries. The
 * non-`@Field` members are what those resolvers need; they are not in the schema.
 */
@ObjectType('Tier', { description: 'A rung of the business’s ladder; rank 1 is the lowest.' })
export class TierObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  rank!: number;

  @Field(() => Float, { description: 'Score needed to enter the tier.' })
  entryScore!: number;

  @Field(() => Float, { description: 'Score needed to stay (≤ entryScore, so members do not flap).' })
  retainScore!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Maximum members; null means unlimited. Lowering it below the members keeps everyone seated; nobody new enters until the tier is below it.',
  })
  capacity!: number | null;

  @Field(() => Int, { description: 'Members now holding a seat.', deprecationReason: 'Use `members`.' })
  memberCount!: number;

  @Field(() => Int, { description: 'Members now holding a seat (locked members included).' })
  members!: number;

  @Field(() => Int, { nullable: true, description: 'Seats taken; null when the tier is unlimited.' })
  capacityUsed!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Seats free (0 when over capacity after a capacity cut); null when unlimited.',
  })
  capacityRemaining!: number | null;

  @Field(() => AdmissionQuotaObject, { nullable: true, description: 'null: no admission quota.' })
  admissionQuota!: AdmissionQuotaObject | null;

  @Field(() => AdmissionMode)
  admissionMode!: AdmissionMode;

  @Field(() => Int)
  graceDays!: number;

  @Field(() => String, { nullable: true })
  benefits!: string | null;

  /** Tenant of the row; field resolvers still scope by the caller's business. */
  businessId!: string;
}
