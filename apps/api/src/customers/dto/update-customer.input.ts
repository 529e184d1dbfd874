import { ArgsType, Field, ID, InputType, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { CreateCustomerInput } from './create-customer.input.js';

/**
 * Partial: an absent field is kept, an explicit null clears name or email (validated as on
 * creation). The external ref never changes.
 */
@InputType()
export class UpdateCustomerInput extends PickType(
  CreateCustomerInput,
  ['name', 'email'] as const,
  InputType,
) {
  // Not inherited: creation defaults it to false, an update must not turn an absent value into false.
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
