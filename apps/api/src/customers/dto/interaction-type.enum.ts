import { registerEnumType } from '@nestjs/graphql';
import { InteractionType } from '@inner-circle/domain';

// Registered once for the whole schema: other features import this file rather than registering again.
registerEnumType(InteractionType, { name: 'InteractionType' });

export { InteractionType };
