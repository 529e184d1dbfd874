import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { InteractionType } from '../../customers/dto/interaction-type.enum.js';

/**
 * Only shapes, no rules: every item is validated against the event contract
 * (`validatePayload`, exactly what the worker applies), so the API never accepts what the
 * worker would dead-letter. `@Allow` keeps the fields through the whitelisting pipe.
 */
@InputType('InteractionInput')
export class InteractionInput {
  @Field({
    description: 'Client-supplied id, 1 to 200 characters, unique per business; a repeat is counted once.',
  })
  @Allow()
  id!: string;

  @Field({
    description: 'The business’s own reference of the customer; an unknown one creates the customer.',
  })
  @Allow()
  customerExternalRef!: string;

  @Field(() => InteractionType)
  @Allow()
  type!: InteractionType;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Defaults to now; at most one day ahead of the server clock.',
  })
  @Allow()
  occurredAt?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Required for PURCHASE (≥ 0), and with `currency`.' })
  @Allow()
  amount?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code (EUR), required with `amount`.' })
  @Allow()
  currency?: string | null;

  @Field(() => Int, { nullable: true, description: '1 to 5, required for FEEDBACK.' })
  @Allow()
  rating?: number | null;

  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' })
  @Allow()
  comment?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The referred customer’s externalRef; required for REFERRAL.',
  })
  @Allow()
  referredCustomerRef?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Campaign id (UUID); required for CAMPAIGN_REDEMPTION.',
  })
  @Allow()
  campaignId?: string | null;
}
