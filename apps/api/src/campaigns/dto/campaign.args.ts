import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { ConnectionArgs } from '../../common/pagination/connection.js';
import { CampaignStatus } from './campaign-enums.js';
import { CreateCampaignInput } from './create-campaign.input.js';
import { RedeemCampaignInput } from './redeem-campaign.input.js';
import { UpdateCampaignInput } from './update-campaign.input.js';

@ArgsType()
export class CampaignIdArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

// Inputs are wrapped in args classes so every field error is named from the argument: `input.caps.total`.

@ArgsType()
export class CreateCampaignArgs {
  @Field(() => CreateCampaignInput)
  @ValidateNested()
  @Type(() => CreateCampaignInput)
  input!: CreateCampaignInput;
}

@ArgsType()
export class RedeemCampaignArgs {
  @Field(() => RedeemCampaignInput)
  @ValidateNested()
  @Type(() => RedeemCampaignInput)
  input!: RedeemCampaignInput;
}

@ArgsType()
export class UpdateCampaignArgs extends CampaignIdArgs {
  @Field(() => UpdateCampaignInput)
  @ValidateNested()
  @Type(() => UpdateCampaignInput)
  input!: UpdateCampaignInput;
}

@ArgsType()
export class ScheduleCampaignArgs extends CampaignIdArgs {
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Sets the start; else the campaign’s own.' })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;
}

@ArgsType()
export class CampaignsArgs extends ConnectionArgs {
  @Field(() => CampaignStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CampaignStatus)
  status?: CampaignStatus;
}

@ArgsType()
export class CustomerRedemptionsArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Newest first, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}
