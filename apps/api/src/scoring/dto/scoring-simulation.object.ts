import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SimulatedScoreRank', { description: 'A customer among the best by score as of now.' })
export class SimulatedScoreRankObject {
  @Field(() => ID)
  customerId!: string;

  @Field()
  externalRef!: string;

  @Field(() => Float, { description: 'Score as of now under these settings.' })
  score!: number;

  @Field(() => Int, { description: '1 = best (ties by customer id).' })
  rank!: number;
}

@ObjectType('ScoringSimulation', {
  description:
    'Every customer’s score as of now under the current and the proposed settings, computed from stored interactions, and where each would be placed by the current ladder. Nothing is changed.',
})
export class ScoringSimulationObject {
  @Field(() => Int, { description: 'Customers compared (erased ones excluded).' })
  customerCount!: number;

  @Field(() => Int, {
    description:
      'Customers the current ladder would place in another tier under the proposed settings than under the current ones (each decided from their tier state, against today’s seats and quotas).',
  })
  tierChangedCount!: number;

  @Field(() => Int, { description: 'Of those, placed in a higher tier.' })
  upgradedCount!: number;

  @Field(() => Int, { description: 'Of those, placed in a lower tier (or none).' })
  downgradedCount!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Spearman rank correlation between the two orderings (1: same order); null with fewer than two customers or when every score is equal.',
  })
  rankCorrelation!: number | null;

  @Field(() => [SimulatedScoreRankObject], { description: 'The 20 best under the current settings.' })
  topBefore!: SimulatedScoreRankObject[];

  @Field(() => [SimulatedScoreRankObject], { description: 'The 20 best under the proposed settings.' })
  topAfter!: SimulatedScoreRankObject[];
}
