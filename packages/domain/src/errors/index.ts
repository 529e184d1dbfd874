export { DomainError, DomainErrorCode, type DomainProblem } from './domain-error.js';
export { assertValidCampaign, assertValidLadder, assertValidScoringSettings } from './assert-valid.js';
export {
  InputProblemCode,
  assertCount,
  assertDate,
  assertFinite,
  assertOneOf,
  assertOptionalCount,
  assertOptionalDate,
  assertUniqueIds,
  invalidInput,
  type InputProblem,
} from './guards.js';
