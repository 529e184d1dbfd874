import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Tier', { description: 'A rung of the business’s ladder; rank 1 is the lowest.' })
export class TierObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  rank!: number;

  @Field(() => Float, { description: 'Score needed to enter the tier.' })
  entryScore!: number;

  @Field(() => Float, { description: 'Score needed to stay (≤ entryScore, so members do not flap).' })
  retainScore!: number;

  @Field(() => Int, { nullable: true, description: 'Maximum members; null means unlimited.' })
  capacity!: number | null;

  @Field(() => Int, { description: 'Members now holding a seat.' })
  memberCount!: number;

  @Field(() => Int)
  graceDays!: number;

  @Field(() => String, { nullable: true })
  benefits!: string | null;
}
