import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TierObject } from '../../tiers/dto/tier.object.js';

@ObjectType('Business', { description: 'The business the API key belongs to.' })
export class BusinessObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'IANA time zone in which quota and cap periods start.' })
  timeZone!: string;

  @Field(() => [TierObject], { description: 'The tier ladder, lowest rank first.' })
  tiers?: TierObject[];
}
