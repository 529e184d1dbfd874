import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { InteractionType } from './interaction-type.enum.js';

@ObjectType('CustomerInteraction', { description: 'An interaction as recorded for the customer.' })
export class CustomerInteractionObject {
  @Field({ description: 'The client-supplied interaction id.' })
  id!: string;

  @Field(() => InteractionType)
  type!: InteractionType;

  @Field(() => GraphQLDateTime)
  occurredAt!: Date;

  @Field(() => Number, { nullable: true })
  amount!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => Int, { nullable: true })
  rating!: number | null;

  @Field(() => String, { nullable: true, description: 'Wiped when the customer is erased.' })
  comment!: string | null;
}
