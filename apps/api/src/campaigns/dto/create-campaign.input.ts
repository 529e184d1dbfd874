import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { CampaignAudienceInput, CampaignCapsInput } from './campaign-rules.input.js';
import { IsStorableText } from '@inner-circle/contracts/decorators';

@InputType('CreateCampaignInput', { description: 'A new campaign starts as DRAFT.' })
export class CreateCampaignInput {
  @Field()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsStorableText()
  description?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field(() => CampaignAudienceInput)
  @ValidateNested()
  @Type(() => CampaignAudienceInput)
  audience!: CampaignAudienceInput;

  @Field(() => CampaignCapsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignCapsInput)
  caps?: CampaignCapsInput | null;
}
