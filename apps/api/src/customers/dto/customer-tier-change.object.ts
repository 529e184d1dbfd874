import { Field, Float, ObjectType } from '@nestjs/graphql';
import { TierChangeDirection } from '../../common/enums/tier-change-direction.enum.js';
import { GraphQLDateTime } from 'graphql-scalars';
import { TierObject } from '../../tiers/dto/tier.object.js';

@ObjectType('CustomerTierChange', { description: 'One entry of a customer’s tier history.' })
export class CustomerTierChangeObject {
  @Field(() => TierObject, { nullable: true, description: 'null: the customer had no tier.' })
  fromTier!: TierObject | null;

  @Field(() => TierObject, { nullable: true, description: 'null: the customer left the ladder.' })
  toTier!: TierObject | null;

  @Field(() => TierChangeDirection)
  direction!: TierChangeDirection;

  @Field({ description: 'Machine-readable reason code, e.g. QUALIFIED, GRACE_EXPIRED, ERASED.' })
  reason!: string;

  @Field(() => Float, { description: 'The score the decision was made on.' })
  score!: number;

  @Field(() => GraphQLDateTime)
  at!: Date;

  fromTierId!: string | null;
  toTierId!: string | null;
}
