// class-validator decorators for the api's GraphQL inputs, the same storable rules the event
// schemas state. A subpath of its own: the worker, which validates events with the compiled
// schemas, never loads class-validator.
export { IsStorableAmount, IsStorableText } from './validation/storable.js';
export { IsTimestamp } from './validation/timestamp.js';
