import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { InteractionInput } from './interaction.input.js';

export const MAX_INTERACTIONS_PER_CALL = 1000;

@InputType('RecordInteractionsInput')
export class RecordInteractionsInput {
  // No @ValidateNested on purpose: one bad item must not reject the batch. Items are checked
  // one by one against the event contract and reported per index.
  @Field(() => [InteractionInput], { description: '1 to 1,000 interactions.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INTERACTIONS_PER_CALL)
  @Type(() => InteractionInput)
  interactions!: InteractionInput[];
}
