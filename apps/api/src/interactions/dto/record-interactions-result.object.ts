import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InteractionErrorCode } from '../interactions.exception.js';

registerEnumType(InteractionErrorCode, { name: 'InteractionErrorCode' });

@ObjectType('InteractionFieldError')
export class InteractionFieldErrorObject {
  @Field({ description: 'Field of the InteractionInput, e.g. `rating`.' })
  field!: string;

  @Field(() => [String])
  messages!: string[];
}

@ObjectType('RecordInteractionError', { description: 'An item that was not accepted, and why.' })
export class RecordInteractionErrorObject {
  @Field(() => Int, { description: 'Position of the item in the input list.' })
  index!: number;

  @Field({ description: 'The item’s client-supplied id, as sent.' })
  id!: string;

  @Field(() => InteractionErrorCode)
  code!: InteractionErrorCode;

  @Field()
  message!: string;

  @Field(() => [InteractionFieldErrorObject])
  fieldErrors!: InteractionFieldErrorObject[];
}

@ObjectType('RecordInteractionsResult', {
  description: 'Accepted items are published for processing (scores update shortly after), not yet applied.',
})
export class RecordInteractionsResultObject {
  @Field(() => [ID])
  accepted!: string[];

  @Field(() => [RecordInteractionErrorObject])
  errors!: RecordInteractionErrorObject[];
}

@ObjectType('RecordInteractionResult')
export class RecordInteractionResultObject {
  @Field(() => ID, { description: 'The accepted interaction id (published for processing).' })
  id!: string;
}
