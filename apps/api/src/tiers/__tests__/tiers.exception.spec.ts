import { LadderProblemCode, validateLadder } from '@inner-circle/domain';
import {
  invalidLadder,
  TiersErrorCode,
  TiersException,
  toArgumentPath,
  toTiersGraphQLError,
} from '../tiers.exception';

describe('tier errors', () => {
  it('maps domain paths to argument paths', () => {
    expect(toArgumentPath('tiers[2].retainScore')).toBe('input.tiers.2.retainScore');
    expect(toArgumentPath('tiers[10].admissionQuota.limit')).toBe('input.tiers.10.admissionQuota.limit');
    expect(toArgumentPath('timeZone')).toBe('input.timeZone');
  });

  it('turns every ladder problem into one BAD_USER_INPUT with field errors', () => {
    const problems = validateLadder({
      timeZone: 'Mars/Olympus',
      tiers: [
        { id: 'a', name: 'A', rank: 1, entryScore: 5, retainScore: 9, graceDays: 0 },
        { id: 'b', name: 'B', rank: 1, entryScore: 10, retainScore: 5, graceDays: 0, capacity: -1 },
      ],
    });
    const error = toTiersGraphQLError(invalidLadder(problems));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fieldErrors).toEqual(
      expect.arrayContaining([
        {
          field: 'input.timeZone',
          code: LadderProblemCode.INVALID_TIME_ZONE,
          messages: [expect.any(String)],
        },
        {
          field: 'input.tiers.0.retainScore',
          code: LadderProblemCode.RETAIN_ABOVE_ENTRY,
          messages: [expect.any(String)],
        },
        {
          field: 'input.tiers.1.rank',
          code: LadderProblemCode.DUPLICATE_RANK,
          messages: [expect.any(String)],
        },
        {
          field: 'input.tiers.1.capacity',
          code: LadderProblemCode.INVALID_CAPACITY,
          messages: [expect.any(String)],
        },
      ]),
    );
  });

  it.each([
    [TiersErrorCode.InvalidLadder, 'BAD_USER_INPUT'],
    [TiersErrorCode.LockInPast, 'BAD_USER_INPUT'],
    [TiersErrorCode.CustomerNotFound, 'NOT_FOUND'],
    [TiersErrorCode.TierNotFound, 'NOT_FOUND'],
    [TiersErrorCode.ConcurrentChange, 'CONFLICT'],
  ])('maps %s to %s, keeping the reason and field', (code, expected) => {
    const error = toTiersGraphQLError(new TiersException(code, 'message', { field: 'input.x' }));
    expect(error.extensions).toEqual({ code: expected, reason: code, field: 'input.x' });
  });
});
