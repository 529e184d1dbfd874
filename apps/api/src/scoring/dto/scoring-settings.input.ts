import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, ValidateNested } from 'class-validator';

// At the door: types, finite numbers and magnitudes no business means (they would only let a
// score overflow). The rules (≥ 0, half-life 1–3650 days, window 1–104 weeks) are the domain's
// validateScoringSettings, so one call reports every rule problem at once with its path.
const FINITE = { allowNaN: false, allowInfinity: false } as const;
const MAX_POINTS = 1_000_000;

@InputType('ScoringWeightsInput', {
  description: 'Points per interaction type; an omitted type keeps its weight.',
})
export class ScoringWeightsInput {
  @Field(() => Float, { nullable: true, description: 'Points per log1p(amount / purchaseAmountUnit).' })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  purchase?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  visit?: number | null;

  @Field(() => Float, { nullable: true, description: 'The same whatever the rating.' })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  feedback?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  referral?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  campaignRedemption?: number | null;
}

@InputType('WeeklyCapsInput', {
  description:
    'Most points a type earns in one local week. An omitted type keeps its cap; an explicit null removes the cap.',
})
export class WeeklyCapsInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  purchase?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  visit?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  feedback?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  referral?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  campaignRedemption?: number | null;
}

@InputType('ScoringSettingsInput', {
  description:
    'Changes to the business’s scoring settings: omitted fields keep their current value (or the default with resetToDefaults). The time zone is the business’s (setTierLadder).',
})
export class ScoringSettingsInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Start from the defaults instead of the current settings (then apply the fields given).',
  })
  @IsOptional()
  @IsBoolean()
  resetToDefaults?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Days after which a contribution counts half (1–3650).',
  })
  @IsOptional()
  @IsNumber(FINITE)
  halfLifeDays?: number | null;

  @Field(() => ScoringWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoringWeightsInput)
  weights?: ScoringWeightsInput | null;

  @Field(() => WeeklyCapsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeeklyCapsInput)
  weeklyCaps?: WeeklyCapsInput | null;

  @Field(() => Float, { nullable: true, description: 'Points for every local week with an interaction.' })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  weeklyReturnBonus?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Amount that makes a purchase worth log1p(1) ≈ 0.69 × its weight (> 0).',
  })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(1_000_000_000_000)
  purchaseAmountUnit?: number | null;

  @Field(() => Float, { nullable: true, description: 'Extra points for feedback with a comment.' })
  @IsOptional()
  @IsNumber(FINITE)
  @Max(MAX_POINTS)
  feedbackCommentBonus?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Weeks of detail the incremental score keeps (1–104); later events for older weeks recompute the customer.',
  })
  @IsOptional()
  @IsInt()
  exactWindowWeeks?: number | null;
}
