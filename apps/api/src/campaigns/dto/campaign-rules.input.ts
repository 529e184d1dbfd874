import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { AudienceKind, CampaignCapPeriod } from './campaign-enums.js';

// Shapes only: the rules (rank ≥ 1, caps ≥ 0, known tiers…) are the domain's validateCampaign.

@InputType('CampaignAudienceInput')
export class CampaignAudienceInput {
  @Field(() => AudienceKind)
  @IsEnum(AudienceKind)
  kind!: AudienceKind;

  @Field(() => Int, { nullable: true, description: 'Required for MIN_TIER_RANK; ignored otherwise.' })
  @IsOptional()
  @IsInt()
  minTierRank?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Required for TIER_IDS; ignored otherwise.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  tierIds?: string[] | null;
}

@InputType('CampaignPeriodCapInput')
export class CampaignPeriodCapInput {
  @Field(() => Int)
  @IsInt()
  limit!: number;

  @Field(() => CampaignCapPeriod)
  @IsEnum(CampaignCapPeriod)
  period!: CampaignCapPeriod;
}

@InputType('CampaignCapsInput', { description: 'Omitted or null caps are unlimited.' })
export class CampaignCapsInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  total?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  perCustomer?: number | null;

  @Field(() => CampaignPeriodCapInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignPeriodCapInput)
  perPeriod?: CampaignPeriodCapInput | null;
}
