import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLNonNegativeFloat } from 'graphql-scalars';
import { InteractionType } from './interaction-type.enum.js';

@ObjectType('ScoreByType')
export class ScoreByTypeObject {
  @Field(() => InteractionType)
  type!: InteractionType;

  @Field(() => GraphQLNonNegativeFloat, { description: 'Points of this type, decayed to now.' })
  points!: number;

  @Field(() => Int, {
    description: 'Interactions of this type that earned points, including those a weekly cap made worthless.',
  })
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

@ObjectType('ScoreRegularity', { description: 'What coming back week after week earned.' })
export class ScoreRegularityObject {
  @Field(() => Int, { description: 'Local weeks (Monday first) with at least one scoring interaction.' })
  activeWeeks!: number;

  @Field(() => GraphQLNonNegativeFloat, {
    description: 'The return bonus of every active week, decayed to now.',
  })
  points!: number;
}

@ObjectType('ScoreBreakdown', { description: 'Why the customer has their score, decayed to now.' })
export class ScoreBreakdownObject {
  @Field(() => GraphQLNonNegativeFloat)
  total!: number;

  @Field(() => [ScoreByTypeObject], { description: 'One row per interaction type.' })
  byType!: ScoreByTypeObject[];

  @Field(() => ScoreRegularityObject, {
    description: 'Part of the total earned by returning, week after week.',
  })
  regularity!: ScoreRegularityObject;

  @Field(() => [ScoreContributorObject], { description: 'The interactions worth most today, best first.' })
  topContributors!: ScoreContributorObject[];
}
