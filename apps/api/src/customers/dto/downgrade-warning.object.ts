import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { TierObject } from '../../tiers/dto/tier.object.js';

@ObjectType('DowngradeWarning', {
  description: 'Where a customer in grace lands if their score does not recover.',
})
export class DowngradeWarningObject {
  @Field(() => GraphQLDateTime)
  on!: Date;

  @Field(() => TierObject, { nullable: true, description: 'null: the customer would leave the ladder.' })
  toTier!: TierObject | null;
}
