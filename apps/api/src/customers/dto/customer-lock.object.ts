import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { TierObject } from '../../tiers/dto/tier.object.js';

@ObjectType('CustomerTierLock', { description: 'A manual pin to a tier, winning over the score.' })
export class CustomerTierLockObject {
  @Field(() => TierObject, { nullable: true, description: 'null if the tier was archived since.' })
  tier!: TierObject | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Exclusive end; null means indefinitely.' })
  until!: Date | null;

  @Field()
  reason!: string;
}
