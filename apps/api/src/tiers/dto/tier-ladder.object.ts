import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TierObject } from './tier.object.js';

@ObjectType('TierLadder')
export class TierLadderObject {
  @Field(() => Int, {
    description: 'Bumped by every setTierLadder; tier history records the version that decided.',
  })
  version!: number;

  @Field({ description: 'IANA time zone in which quota periods start.' })
  timeZone!: string;

  @Field(() => [TierObject], { description: 'Active tiers, lowest rank first.' })
  tiers!: TierObject[];
}
