import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Partial: an absent field is kept, an explicit null clears name or email. */
@InputType()
export class UpdateCustomerInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Cannot be null: send true or false, or omit.' })
  @ValidateIf((input: UpdateCustomerInput) => input.marketingConsent !== undefined)
  @IsBoolean()
  marketingConsent?: boolean;
}

@ArgsType()
export class UpdateCustomerArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => UpdateCustomerInput)
  @ValidateNested()
  @Type(() => UpdateCustomerInput)
  input!: UpdateCustomerInput;
}
