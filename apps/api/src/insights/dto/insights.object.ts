import { ObjectType } from '@nestjs/graphql';

/** Every field is resolved on demand (InsightsResolver), so an unrequested figure costs no query. */
@ObjectType('Insights', {
  description: 'Aggregates over the caller’s business; erased customers are left out.',
})
export class InsightsObject {
  /** Not a GraphQL field: carries the caller's tenant to the field resolvers. */
  businessId!: string;
}
