import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';
import { IsStorableText } from '@inner-circle/contracts/decorators';

@InputType('RedeemCampaignInput')
export class RedeemCampaignInput {
  @Field(() => ID)
  @IsUUID()
  campaignId!: string;

  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field({
    description: 'Chosen by the client, unique per business: a retry with it returns the first result.',
  })
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  idempotencyKey!: string;
}
