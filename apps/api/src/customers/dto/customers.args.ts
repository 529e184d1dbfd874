import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../common/pagination/connection.js';
import { IsStorableText } from '@inner-circle/contracts/decorators';

export enum CustomerSortField {
  SCORE = 'SCORE',
  JOINED_AT = 'JOINED_AT',
  LAST_INTERACTION_AT = 'LAST_INTERACTION_AT',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(CustomerSortField, {
  name: 'CustomerSortField',
  valuesMap: {
    SCORE: {
      description:
        'The score as of now. Every score of a business fades at the same rate, so this order is time-invariant and indexed.',
    },
    LAST_INTERACTION_AT: {
      description: 'Customers without interactions come last descending, first ascending.',
    },
  },
});
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class CustomerFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  tierId?: string;

  @Field(() => Float, { nullable: true, description: 'Score as of now ≥ this.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  minScore?: number;

  @Field(() => Float, { nullable: true, description: 'Score as of now ≤ this.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  maxScore?: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only customers waiting for a tier; false: only others.',
  })
  @IsOptional()
  @IsBoolean()
  waitlisted?: boolean;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of name or email.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsStorableText()
  search?: string;
}

@InputType()
export class CustomerSortInput {
  @Field(() => CustomerSortField)
  @IsEnum(CustomerSortField)
  field!: CustomerSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}

@ArgsType()
export class CustomersArgs extends ConnectionArgs {
  @Field(() => CustomerFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerFilterInput)
  filter?: CustomerFilterInput;

  @Field(() => CustomerSortInput, {
    nullable: true,
    description: 'Default: JOINED_AT DESC. Ties are broken by id, so pages never overlap.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerSortInput)
  sort?: CustomerSortInput;
}
