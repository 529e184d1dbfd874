import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ConnectionType } from '../../common/pagination/connection.js';
import { CustomerObject } from '../../customers/dto/customer.object.js';

@ObjectType('WaitlistEntry', {
  description: 'A customer waiting for a full tier (or one whose quota is spent).',
})
export class WaitlistEntryObject {
  @Field(() => Int, {
    description: 'Place in line, 1 = admitted first (score desc, then earliest qualified).',
  })
  rank!: number;

  @Field(() => CustomerObject)
  customer!: CustomerObject;

  @Field(() => Float, { description: 'The score the line is ordered by (as last computed).' })
  score!: number;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the customer first qualified for the tier.',
  })
  qualifiedAt!: Date | null;
}

export const WaitlistEntryConnection = ConnectionType(WaitlistEntryObject, 'WaitlistEntry');
