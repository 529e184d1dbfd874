import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ScoringWeights', { description: 'Points per interaction type.' })
export class ScoringWeightsObject {
  @Field(() => Float, { description: 'Points per log1p(amount / purchaseAmountUnit).' })
  purchase!: number;

  @Field(() => Float)
  visit!: number;

  @Field(() => Float, { description: 'The same whatever the rating (the rating is data, not a reward).' })
  feedback!: number;

  @Field(() => Float)
  referral!: number;

  @Field(() => Float)
  campaignRedemption!: number;
}

@ObjectType('WeeklyCaps', { description: 'Most points a type earns in one local week; null: uncapped.' })
export class WeeklyCapsObject {
  @Field(() => Float, { nullable: true })
  purchase!: number | null;

  @Field(() => Float, { nullable: true })
  visit!: number | null;

  @Field(() => Float, { nullable: true })
  feedback!: number | null;

  @Field(() => Float, { nullable: true })
  referral!: number | null;

  @Field(() => Float, { nullable: true })
  campaignRedemption!: number | null;
}

@ObjectType('ScoringSettings', {
  description: 'How the business’s scores are computed: its overrides on top of the defaults.',
})
export class ScoringSettingsObject {
  @Field(() => Float, { description: 'Days after which a contribution counts half.' })
  halfLifeDays!: number;

  @Field(() => ScoringWeightsObject)
  weights!: ScoringWeightsObject;

  @Field(() => WeeklyCapsObject)
  weeklyCaps!: WeeklyCapsObject;

  @Field(() => Float, { description: 'Points for every local week with at least one interaction.' })
  weeklyReturnBonus!: number;

  @Field(() => Float, { description: 'Amount that makes a purchase worth log1p(1) ≈ 0.69 × its weight.' })
  purchaseAmountUnit!: number;

  @Field(() => Float, { description: 'Extra points for feedback that carries a comment.' })
  feedbackCommentBonus!: number;

  @Field(() => Int, { description: 'Weeks of detail the incremental score keeps behind its newest event.' })
  exactWindowWeeks!: number;

  @Field({
    description: 'The business’s IANA time zone, whose weeks the caps follow (set with setTierLadder).',
  })
  timeZone!: string;

  @Field(() => Int, { description: 'Raised by every setScoringSettings.' })
  version!: number;

  @Field({
    description:
      'True while the worker is still recomputing stored scores under the newest settings (scores shown meanwhile may mix both).',
  })
  recomputeInProgress!: boolean;
}
