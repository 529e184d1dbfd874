import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { IsStorableText } from '@inner-circle/contracts/decorators';

@InputType('LockCustomerTierInput')
export class LockCustomerTierInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => ID)
  @IsUUID()
  tierId!: string;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Exclusive end of the lock; omit to lock indefinitely.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  until?: Date | null;

  @Field({ description: 'Why (kept in the audit log and shown with the lock).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsStorableText()
  reason!: string;
}

@ArgsType()
export class UnlockCustomerTierArgs {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'Kept in the audit log.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsStorableText()
  reason?: string | null;
}
