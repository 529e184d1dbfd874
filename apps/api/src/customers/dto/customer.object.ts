import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime, GraphQLEmailAddress } from 'graphql-scalars';

/**
 * A customer of the business. Fields derived from other rows (score, tier, interactions…)
 * are resolved by CustomerFieldsResolver through per-request DataLoaders, so any feature
 * returning a CustomerObject (waitlists, campaigns) gets them without N+1 queries.
 * The non-`@Field` members are what those resolvers need; they are not in the schema.
 */
@ObjectType('Customer')
export class CustomerObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The business’s own identifier (e.g. its CRM id); `erased:<id>` once erased.' })
  externalRef!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => GraphQLEmailAddress, { nullable: true })
  email!: string | null;

  @Field()
  marketingConsent!: boolean;

  @Field(() => GraphQLDateTime)
  joinedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  lastInteractionAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the customer entered their tier.' })
  tierSince!: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'While below the tier’s retain score: when the grace period ends.',
  })
  graceUntil!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Set once personal data was erased (GDPR).' })
  erasedAt!: Date | null;

  /** Tenant of the row; resolvers still scope by the caller's business. */
  businessId!: string;
  /** Score as of `scoreAsOf`, the value list filters and sorting use. */
  storedScore!: number;
  scoreState!: Record<string, unknown> | null;
  tierId!: string | null;
  waitlistedForTierId!: string | null;
  qualifiedAt!: Date | null;
  lockTierId!: string | null;
  lockUntil!: Date | null;
  lockReason!: string | null;
}
