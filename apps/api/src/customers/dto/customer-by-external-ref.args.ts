import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsStorableText } from '@inner-circle/contracts/decorators';

@ArgsType()
export class CustomerByExternalRefArgs {
  @Field()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  externalRef!: string;
}
