import type { GraphQLError } from 'graphql';
import {
  type DomainProblemLike,
  type ProblemFieldError,
  toProblemFieldErrors,
} from '../common/validation/domain-problems.js';
import { clientError } from '../graphql/client-error.js';
import { toInputPath } from './scoring-settings.mapper.js';

export enum ScoringErrorCode {
  InvalidSettings = 'SCORING_SETTINGS_INVALID',
}

export class ScoringException extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
    readonly details: { fieldErrors?: ProblemFieldError[] } = {},
  ) {
    super(message);
    this.name = 'ScoringException';
  }
}

/** The one place scoring errors become GraphQL errors. */
export function toScoringGraphQLError(exception: ScoringException): GraphQLError {
  const extensions = { reason: exception.code, ...exception.details };
  switch (exception.code) {
    case ScoringErrorCode.InvalidSettings:
      return clientError('BAD_USER_INPUT', exception.message, extensions);
  }
}

/** Every problem of the domain's validateScoringSettings, located in the input, as the ladder's are. */
export function invalidScoringSettings(problems: readonly DomainProblemLike[]): ScoringException {
  const { fieldErrors, summary } = toProblemFieldErrors(
    problems.map((problem) => ({ ...problem, path: toInputPath(problem.path) })),
  );
  return new ScoringException(ScoringErrorCode.InvalidSettings, `Invalid scoring settings: ${summary}`, {
    fieldErrors,
  });
}
