import type { GraphQLError } from 'graphql';
import {
  type DomainProblemLike,
  type ProblemFieldError,
  toProblemFieldErrors,
} from '../common/validation/domain-problems.js';
import { clientError } from '../graphql/client-error.js';

export { toArgumentPath } from '../common/validation/domain-problems.js';

export enum TiersErrorCode {
  InvalidLadder = 'TIER_LADDER_INVALID',
  CustomerNotFound = 'TIER_CUSTOMER_NOT_FOUND',
  TierNotFound = 'TIER_NOT_FOUND',
  LockInPast = 'TIER_LOCK_IN_PAST',
  /** The customer's tier changed while the lock was being applied: try again. */
  ConcurrentChange = 'TIER_CONCURRENT_CHANGE',
}

/** One problem of a ladder, located in the mutation's arguments (`input.tiers.2.retainScore`). */
export type LadderFieldError = ProblemFieldError;

export class TiersException extends Error {
  constructor(
    readonly code: TiersErrorCode,
    message: string,
    readonly details: { field?: string; fieldErrors?: LadderFieldError[] } = {},
  ) {
    super(message);
    this.name = 'TiersException';
  }
}

/** The one place tier errors become GraphQL errors. */
export function toTiersGraphQLError(exception: TiersException): GraphQLError {
  const extensions = { reason: exception.code, ...exception.details };
  switch (exception.code) {
    case TiersErrorCode.InvalidLadder:
    case TiersErrorCode.LockInPast:
      return clientError('BAD_USER_INPUT', exception.message, extensions);
    case TiersErrorCode.CustomerNotFound:
    case TiersErrorCode.TierNotFound:
      return clientError('NOT_FOUND', exception.message, extensions);
    case TiersErrorCode.ConcurrentChange:
      return clientError('CONFLICT', exception.message, extensions);
  }
}

/** A domain LadderProblem, or a problem only the api can see (an id that is not a tier of the business). */
export type LadderIssue = DomainProblemLike;

export function invalidLadder(problems: LadderIssue[]): TiersException {
  const { fieldErrors, summary } = toProblemFieldErrors(problems);
  return new TiersException(TiersErrorCode.InvalidLadder, `Invalid tier ladder: ${summary}`, { fieldErrors });
}
