export { DomainError, DomainErrorCode, type DomainProblem } from './domain-error.js';
export { assertValidCampaign, assertValidLadder, assertValidScoringSettings } from './assert-valid.js';
