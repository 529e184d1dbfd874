import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { TierObject } from './tier.object.js';

@ObjectType('CustomerTierLockState', {
  description: 'A customer’s tier lock after lockCustomerTier / unlockCustomerTier.',
})
export class CustomerTierLockStateObject {
  @Field(() => ID)
  customerId!: string;

  @Field()
  locked!: boolean;

  @Field(() => TierObject, {
    nullable: true,
    description: 'The tier the customer is pinned to; null when unlocked.',
  })
  tier!: TierObject | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Exclusive end; null: indefinitely (or unlocked).',
  })
  until!: Date | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}
