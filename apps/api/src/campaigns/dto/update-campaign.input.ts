import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { CampaignAudienceInput, CampaignCapsInput } from './campaign-rules.input.js';

/** Omitted fields keep their value; null clears the nullable ones; audience and caps are replaced whole. */
@InputType('UpdateCampaignInput')
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true })
  @ValidateIf((input: UpdateCampaignInput) => input.name !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field(() => CampaignAudienceInput, { nullable: true })
  @ValidateIf((input: UpdateCampaignInput) => input.audience !== undefined)
  @ValidateNested()
  @Type(() => CampaignAudienceInput)
  audience?: CampaignAudienceInput;

  @Field(() => CampaignCapsInput, { nullable: true, description: 'null removes every cap.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignCapsInput)
  caps?: CampaignCapsInput | null;
}
