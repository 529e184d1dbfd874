import { DomainError, DomainErrorCode, type InputProblemCode } from '../src/index.js';

/** Runs `run`, expecting a DomainError INVALID_INPUT whose one problem names `path` with `code`. */
export function expectInputError(run: () => unknown, path: string, code: InputProblemCode): DomainError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  const error = thrown as DomainError;
  expect({ code: error.code, problems: error.problems.map((p) => ({ path: p.path, code: p.code })) }).toEqual(
    {
      code: DomainErrorCode.INVALID_INPUT,
      problems: [{ path, code }],
    },
  );
  return error;
}
