import { Field, InputType, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateIf, ValidateNested } from 'class-validator';
import { CampaignAudienceInput, CampaignCapsInput } from './campaign-rules.input.js';
import { CreateCampaignInput } from './create-campaign.input.js';
import { IsStorableText } from '@inner-circle/contracts/decorators';

/**
 * Omitted fields keep their value; null clears the nullable ones (description and dates,
 * validated as on creation); audience and caps are replaced whole.
 */
@InputType('UpdateCampaignInput')
export class UpdateCampaignInput extends PickType(
  CreateCampaignInput,
  ['description', 'startsAt', 'endsAt'] as const,
  InputType,
) {
  // Required on creation, optional here: absent keeps the current value.
  @Field(() => String, { nullable: true })
  @ValidateIf((input: UpdateCampaignInput) => input.name !== undefined)
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  name?: string;

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
