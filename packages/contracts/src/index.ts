import 'reflect-metadata';
import { join } from 'node:path';

export * from './envelope.js';
export * from './topics.js';
export * from './dead-letter.js';
export * from './event-registry.js';
export * from './parse-event.js';
export { MAX_STORABLE_AMOUNT, STORABLE_TEXT_PATTERN } from './validation/storable-limits.js';
export * from './events/tier-ref.v1.js';
export * from './events/interaction-recorded.v1.js';
export * from './events/tier-changed.v1.js';
export * from './events/tier-downgrade-warning.v1.js';

/** Path of the AsyncAPI 3.0 document describing the topics and messages (shipped next to this file). */
export const ASYNCAPI_DOCUMENT_PATH: string = join(__dirname, 'asyncapi.yaml');
