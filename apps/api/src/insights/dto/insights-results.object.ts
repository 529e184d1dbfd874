import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { TierObject } from '../../tiers/dto/tier.object.js';

@ObjectType('TierDistributionEntry')
export class TierDistributionEntryObject {
  @Field(() => TierObject, { nullable: true, description: 'Null: customers holding no tier.' })
  tier!: TierObject | null;

  @Field(() => Int)
  customers!: number;
}

@ObjectType('InnerCircleGrowthWeek', {
  description:
    'The inner circle is the highest-rank tier of the current ladder; figures come from tier history.',
})
export class InnerCircleGrowthWeekObject {
  @Field(() => GraphQLDateTime, { description: 'Monday 00:00 in the business’s time zone.' })
  weekStart!: Date;

  @Field(() => Int)
  joined!: number;

  @Field(() => Int)
  left!: number;

  @Field(() => Int, { description: 'Members at the end of the week (now, for the current week).' })
  members!: number;
}

@ObjectType('TierEngagement')
export class TierEngagementObject {
  @Field(() => TierObject)
  tier!: TierObject;

  @Field(() => Int, { description: 'Current members of the tier.' })
  members!: number;

  @Field(() => Float, {
    description: 'Share (0 to 1) of members with at least two purchases; 0 without members.',
  })
  repeatPurchaseRate!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Average rating of the members’ feedback; null without any.',
  })
  averageFeedbackRating!: number | null;
}

@ObjectType('TopReferrer')
export class TopReferrerObject {
  @Field(() => ID)
  customerId!: string;

  @Field()
  externalRef!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int, { description: 'REFERRAL interactions the customer made.' })
  referrals!: number;
}
