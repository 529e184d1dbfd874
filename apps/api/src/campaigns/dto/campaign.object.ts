import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CampaignRules } from '@inner-circle/domain';
import { GraphQLDateTime, GraphQLNonNegativeInt } from 'graphql-scalars';
import { TierObject } from '../../tiers/dto/tier.object.js';
import { AudienceKind, CampaignCapPeriod, CampaignStatus } from './campaign-enums.js';

@ObjectType('CampaignAudience', { description: 'Who may redeem.' })
export class CampaignAudienceObject {
  @Field(() => AudienceKind)
  kind!: AudienceKind;

  @Field(() => Int, { nullable: true, description: 'MIN_TIER_RANK: the lowest rank that may redeem.' })
  minTierRank!: number | null;

  @Field(() => [ID], { nullable: true, description: 'TIER_IDS: the tiers that may redeem.' })
  tierIds!: string[] | null;

  @Field(() => [TierObject], {
    nullable: true,
    description: 'TIER_IDS: those tiers (archived ones included).',
  })
  tiers?: TierObject[] | null;
}

@ObjectType('CampaignPeriodCap')
export class CampaignPeriodCapObject {
  @Field(() => GraphQLNonNegativeInt, { description: 'Redemptions by everyone per period.' })
  limit!: number;

  @Field(() => CampaignCapPeriod)
  period!: CampaignCapPeriod;
}

@ObjectType('CampaignCaps', { description: 'Limits on redemptions; null means no limit.' })
export class CampaignCapsObject {
  @Field(() => GraphQLNonNegativeInt, { nullable: true, description: 'Over the campaign’s life.' })
  total!: number | null;

  @Field(() => GraphQLNonNegativeInt, {
    nullable: true,
    description: 'Per customer, over the campaign’s life.',
  })
  perCustomer!: number | null;

  @Field(() => CampaignPeriodCapObject, { nullable: true })
  perPeriod!: CampaignPeriodCapObject | null;
}

@ObjectType('CampaignCapacity', {
  description: 'Redemptions still possible now under the campaign-wide caps (null = unlimited).',
})
export class CampaignCapacityObject {
  @Field(() => GraphQLNonNegativeInt, { nullable: true })
  total!: number | null;

  @Field(() => GraphQLNonNegativeInt, { nullable: true, description: 'Left in the current period.' })
  perPeriod!: number | null;

  @Field(() => GraphQLNonNegativeInt, { nullable: true, description: 'The tighter of the two.' })
  effective!: number | null;

  @Field(() => String, { nullable: true, description: 'The current period, e.g. 2026-W48 or 2026-11.' })
  periodKey!: string | null;
}

@ObjectType('CampaignTierCount')
export class CampaignTierCountObject {
  @Field(() => TierObject, { nullable: true, description: 'Tier at redemption time; null = no tier.' })
  tier!: TierObject | null;

  @Field(() => GraphQLNonNegativeInt)
  count!: number;
}

@ObjectType('CampaignStats')
export class CampaignStatsObject {
  @Field(() => GraphQLNonNegativeInt, { description: 'Redemptions so far.' })
  total!: number;

  @Field(() => [CampaignTierCountObject], { description: 'Redemptions by the tier held when redeeming.' })
  byTier!: CampaignTierCountObject[];

  @Field(() => GraphQLNonNegativeInt, {
    nullable: true,
    description: 'Redemptions still possible now under the campaign-wide caps; null = unlimited.',
  })
  remainingCapacity!: number | null;
}

@ObjectType('Campaign')
export class CampaignObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => CampaignStatus)
  status!: CampaignStatus;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Inclusive.' })
  startsAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Exclusive.' })
  endsAt!: Date | null;

  @Field(() => CampaignAudienceObject)
  audience!: CampaignAudienceObject;

  @Field(() => CampaignCapsObject)
  caps!: CampaignCapsObject;

  @Field(() => GraphQLNonNegativeInt)
  redeemedCount!: number;

  @Field(() => CampaignCapacityObject)
  remaining?: CampaignCapacityObject;

  @Field(() => CampaignStatsObject)
  stats?: CampaignStatsObject;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  @Field(() => GraphQLDateTime)
  updatedAt!: Date;

  /** The domain's view, for the computed fields; not in the schema. */
  rules!: CampaignRules;
}
