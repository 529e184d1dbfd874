import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@ArgsType()
export class CustomerByExternalRefArgs {
  @Field()
  @IsString()
  @Length(1, 200)
  externalRef!: string;
}
