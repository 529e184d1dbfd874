import { registerEnumType } from '@nestjs/graphql';
import { TierChangeDirection } from '@inner-circle/contracts';

// Registered once here: a second registration would declare the GraphQL type twice.
registerEnumType(TierChangeDirection, { name: 'TierChangeDirection' });

export { TierChangeDirection };
