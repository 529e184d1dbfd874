/** A problem a domain validator reports (`validateLadder`, `validateScoringSettings`, …). */
export interface DomainProblemLike {
  /** Domain path: `tiers[2].retainScore`, `weights.VISIT`. */
  path: string;
  code: string;
  message: string;
}

/** One rule problem, located in the operation's arguments (`input.tiers.2.retainScore`). */
export interface ProblemFieldError {
  field: string;
  code: string;
  messages: string[];
}

/** Domain path `tiers[2].retainScore` → argument path `input.tiers.2.retainScore`. */
export function toArgumentPath(domainPath: string, argument = 'input'): string {
  return `${argument}.${domainPath.replace(/\[(\d+)\]/g, '.$1')}`;
}

/**
 * The one mapping of domain validation problems to `extensions.fieldErrors` (the same shape
 * class-validator's errors take at the door, plus the domain's code), every problem at once.
 */
export function toProblemFieldErrors(problems: readonly DomainProblemLike[]): {
  fieldErrors: ProblemFieldError[];
  summary: string;
} {
  const fieldErrors = problems.map((problem) => ({
    field: toArgumentPath(problem.path),
    code: problem.code,
    messages: [problem.message],
  }));
  return { fieldErrors, summary: fieldErrors.map((e) => `${e.field}: ${e.messages[0]}`).join('; ') };
}
