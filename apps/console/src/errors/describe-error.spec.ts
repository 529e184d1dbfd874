import { type DescribedError, describeError, fieldMessages, fieldProblems } from './describe-error';

describe('describeError', () => {
  it('puts each field error next to its field path, without the argument name', () => {
    const described = describeError({
      graphQLErrors: [
        {
          message: 'input.tiers.0.capacity: capacity must not be less than 1',
          extensions: {
            code: 'BAD_USER_INPUT',
            fieldErrors: [
              { field: 'input.tiers.0.capacity', messages: ['capacity must not be less than 1'] },
              { field: 'input.tiers.1.retainScore', messages: ['retainScore must be ≤ entryScore'] },
            ],
          },
        },
      ],
    });
    expect(described?.code).toBe('BAD_USER_INPUT');
    expect(fieldMessages(described, 'tiers.0.capacity')).toEqual(['Capacity must not be less than 1.']);
    expect(fieldMessages(described, 'tiers.1.retainScore')).toEqual(['RetainScore must be ≤ entryScore.']);
    expect(described?.message).toBe('Some values need attention; see the marked fields.');
  });

  it('says a sentence, never JSON, for every kind of failure', () => {
    const forbidden = describeError({
      graphQLErrors: [
        { message: 'this API key lacks the tiers:write scope', extensions: { code: 'FORBIDDEN' } },
      ],
    });
    expect(forbidden?.message).toBe('This API key lacks the tiers:write scope.');
    const internal = describeError({
      graphQLErrors: [
        {
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'abc' },
        },
      ],
    });
    expect(internal?.message).toBe(
      'The server could not complete this request. Quote reference abc to support.',
    );
    const offline = describeError({ networkError: new Error('Failed to fetch') });
    expect(offline?.message).toMatch(/could not be reached/);
    for (const d of [forbidden, internal, offline]) expect(d?.message).not.toMatch(/[{}]/);
  });

  it('is null without an error', () => {
    expect(describeError(undefined)).toBeNull();
  });
});

describe('fieldProblems', () => {
  const problem = (path: string, message: string): DescribedError => ({
    message,
    fieldErrors: { [path]: [message] },
  });

  it("shows the console's own check first, then the save's answer, then the preview's", () => {
    const problems = fieldProblems(
      { 'tiers.0.name': ['Give the tier a name.'] },
      problem('tiers.1.capacity', 'Capacity is too large.'),
      { message: 'x', fieldErrors: { 'tiers.1.capacity': ['preview'], 'tiers.2.rank': ['Rank taken.'] } },
    );
    expect(problems('tiers.0.name')).toEqual(['Give the tier a name.']);
    expect(problems('tiers.1.capacity')).toEqual(['Capacity is too large.']);
    expect(problems('tiers.2.rank')).toEqual(['Rank taken.']);
    expect(problems('tiers.3.rank')).toEqual([]);
  });
});
