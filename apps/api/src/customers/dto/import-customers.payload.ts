import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ImportRowStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ERROR = 'ERROR',
}

registerEnumType(ImportRowStatus, { name: 'ImportRowStatus' });

@ObjectType('CustomerImportResult')
export class CustomerImportResultObject {
  @Field(() => Int, { description: 'Index of the row in the input list.' })
  row!: number;

  @Field(() => String, { nullable: true })
  externalRef!: string | null;

  @Field(() => ImportRowStatus)
  status!: ImportRowStatus;

  @Field(() => ID, { nullable: true })
  customerId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the row was refused (ERROR only).' })
  message!: string | null;
}

@ObjectType('ImportCustomersPayload')
export class ImportCustomersPayload {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => [CustomerImportResultObject], { description: 'One per input row, in input order.' })
  results!: CustomerImportResultObject[];
}
