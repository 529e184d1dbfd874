import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TierChangeDirection } from '../../common/enums/tier-change-direction.enum.js';
import { GraphQLDateTime } from 'graphql-scalars';

@ObjectType('TierRef', { description: 'A tier as it was when the event was written.' })
export class TierRefObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  rank!: number;
}

@ObjectType('TierChangeEvent', { description: 'A customer moved between tiers (tier.changed.v1).' })
export class TierChangeEventObject {
  @Field(() => ID, { description: 'Stable event id: a redelivery repeats it.' })
  eventId!: string;

  @Field(() => ID)
  customerId!: string;

  @Field()
  customerExternalRef!: string;

  @Field(() => TierRefObject, { nullable: true })
  previousTier!: TierRefObject | null;

  @Field(() => TierRefObject, { nullable: true })
  newTier!: TierRefObject | null;

  @Field(() => TierChangeDirection)
  direction!: TierChangeDirection;

  @Field()
  reason!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => Int)
  ruleVersion!: number;

  @Field(() => GraphQLDateTime)
  occurredAt!: Date;
}
