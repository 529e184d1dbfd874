import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsStorableText } from '@inner-circle/contracts/decorators';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AdmissionMode } from './admission-mode.enum.js';
import { TierQuotaPeriod } from './tier-quota-period.enum.js';

// class-validator checks shapes only; ranges and cross-tier rules (ranks, thresholds,
// capacities) are the domain's validateLadder, so one call reports every problem at once.

@InputType('AdmissionQuotaInput')
export class AdmissionQuotaInput {
  @Field(() => Int)
  @IsInt()
  limit!: number;

  @Field(() => TierQuotaPeriod)
  @IsEnum(TierQuotaPeriod)
  period!: TierQuotaPeriod;
}

@InputType('TierInput')
export class TierInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An existing tier to keep (updated in place); omit for a new tier.',
  })
  @IsOptional()
  @IsUUID()
  id?: string | null;

  @Field()
  @IsString()
  @MaxLength(100)
  @IsStorableText()
  name!: string;

  @Field(() => Int, { description: '1 is the lowest tier.' })
  @IsInt()
  rank!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  entryScore!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  retainScore!: number;

  @Field(() => Int, { nullable: true, description: 'null or omitted: unlimited.' })
  @IsOptional()
  @IsInt()
  capacity?: number | null;

  @Field(() => AdmissionQuotaInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdmissionQuotaInput)
  admissionQuota?: AdmissionQuotaInput | null;

  @Field(() => AdmissionMode, { nullable: true, description: 'CONTINUOUS when omitted.' })
  @IsOptional()
  @IsEnum(AdmissionMode)
  admissionMode?: AdmissionMode | null;

  @Field(() => Int)
  @IsInt()
  // Grace ends at now + graceDays: beyond a century the date leaves what timestamptz and Date hold.
  @Max(36_500)
  graceDays!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsStorableText()
  benefits?: string | null;
}

@InputType('SetTierLadderInput', {
  description: 'The whole ladder: listed tiers with an id are kept, new ones created, omitted ones archived.',
})
export class SetTierLadderInput {
  @Field(() => [TierInput])
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TierInput)
  tiers!: TierInput[];

  @Field(() => String, { nullable: true, description: 'IANA time zone of the business; omit to keep it.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsStorableText()
  timeZone?: string | null;
}
