import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { CustomerObject } from '../../customers/dto/customer.object.js';
import { TierObject } from '../../tiers/dto/tier.object.js';
import { CampaignObject } from './campaign.object.js';

@ObjectType('Redemption')
export class RedemptionObject {
  @Field(() => ID)
  id!: string;

  @Field(() => CampaignObject)
  campaign?: CampaignObject;

  @Field(() => ID)
  customerId!: string;

  @Field(() => TierObject, { nullable: true, description: 'The customer’s tier when redeeming.' })
  tier?: TierObject | null;

  @Field({ description: 'The client’s key; retrying with it returns this redemption.' })
  idempotencyKey!: string;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;

  campaignId!: string;
  tierId!: string | null;
  /** Read with the redemption (a campaign's page of redeemers); otherwise `customer` loads it. */
  preloadedCustomer?: CustomerObject;
}

@ObjectType('RedemptionResult')
export class RedemptionResultObject {
  @Field(() => RedemptionObject)
  redemption!: RedemptionObject;

  @Field({ description: 'True when this key had already redeemed: the original redemption, nothing new.' })
  replayed!: boolean;
}
