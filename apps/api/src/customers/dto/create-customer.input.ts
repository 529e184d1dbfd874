import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsExternalRef } from './external-ref.validation.js';
import { IsStorableText } from '@inner-circle/contracts/decorators';

@InputType()
export class CreateCustomerInput {
  @Field({ description: 'Unique within the business; 1–200 characters.' })
  @IsExternalRef()
  externalRef!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsStorableText()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @IsStorableText()
  email?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  marketingConsent?: boolean;
}
