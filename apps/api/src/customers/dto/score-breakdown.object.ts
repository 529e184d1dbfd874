import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLNonNegativeFloat } from 'graphql-scalars';
import { InteractionType } from './interaction-type.enum.js';

@ObjectType('ScoreByType')
export class ScoreByTypeObject {
  @Field(() => InteractionType)
  type!: InteractionType;

  @Field(() => GraphQLNonNegativeFloat, { description: 'Points of this type, decayed to now.' })
  points!: number;

  @Field(() => Int, { description: 'Interactions of this type, including those a daily cap made worthless.' })
  count!: number;
}

@ObjectType('ScoreContributor')
export class ScoreContributorObject {
  @Field()
  interactionId!: string;

  @Field(() => InteractionType)
  type!: InteractionType;

  @Field(() => GraphQLNonNegativeFloat)
  points!: number;
}

@ObjectType('ScoreBreakdown', { description: 'Why the customer has their score, decayed to now.' })
export class ScoreBreakdownObject {
  @Field(() => GraphQLNonNegativeFloat)
  total!: number;

  @Field(() => [ScoreByTypeObject], { description: 'One row per interaction type.' })
  byType!: ScoreByTypeObject[];

  @Field(() => [ScoreContributorObject], { description: 'The interactions worth most today, best first.' })
  topContributors!: ScoreContributorObject[];
}
