import { Field, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsExternalRef } from './external-ref.validation.js';
import { IsStorableText } from '@inner-circle/contracts/decorators';

export const MAX_IMPORT_ROWS = 10_000;

/**
 * Validated row by row by the import itself (a bad row is reported, the others applied),
 * not by the request's ValidationPipe: so no @ValidateNested on the list.
 */
@InputType()
export class CustomerImportRowInput {
  @Field()
  @IsExternalRef()
  externalRef!: string;

  @Field(() => String, { nullable: true, description: 'Absent or null keeps the stored name.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsStorableText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Absent or null keeps the stored email.' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @IsStorableText()
  email?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Absent keeps the stored consent (false for new customers).',
  })
  @IsOptional()
  @IsBoolean()
  marketingConsent?: boolean | null;
}

@InputType()
export class ImportCustomersInput {
  @Field(() => [CustomerImportRowInput], { description: `1 to ${MAX_IMPORT_ROWS} rows.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  customers!: CustomerImportRowInput[];
}
