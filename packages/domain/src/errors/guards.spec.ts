import { expectInputError } from '../../test/expect-input-error.js';
import { DomainError, DomainErrorCode } from './domain-error.js';
import {
  InputProblemCode,
  assertCount,
  assertDate,
  assertFinite,
  assertOneOf,
  assertOptionalCount,
  assertOptionalDate,
  assertUniqueIds,
  invalidInput,
} from './guards.js';

const idOf = (item: { id: string }): string => item.id;

describe('input guards', () => {
  it('let valid values through', () => {
    expect(() => {
      assertFinite(-1.5, 'score');
      assertCount(0, 'members');
      assertCount(3, 'members');
      assertOptionalCount(null, 'capacity');
      assertOptionalCount(undefined, 'capacity');
      assertDate(new Date(0), 'now');
      assertOptionalDate(null, 'until');
      assertOptionalDate(undefined, 'until');
      assertOneOf('WEEK', ['WEEK', 'MONTH'], 'period');
      assertUniqueIds([{ id: 'a' }, { id: 'b' }], idOf, 'items[].id');
    }).not.toThrow();
  });

  it.each([
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '-Infinity'],
    ['a string', '12', 'string'],
    ['undefined', undefined, 'undefined'],
  ])('assertFinite refuses %s, naming the field and the kind of value', (_, value, shown) => {
    const error = expectInputError(() => assertFinite(value, 'score'), 'score', InputProblemCode.NOT_FINITE);
    expect(error.message).toBe(`INVALID_INPUT: score: score must be a finite number, got ${shown}.`);
  });

  it.each([-5, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null])('assertCount refuses %p', (value) => {
    expectInputError(
      () => assertCount(value, 'occupancy.members'),
      'occupancy.members',
      InputProblemCode.NOT_A_COUNT,
    );
  });

  it('assertOptionalCount refuses a negative count', () => {
    expectInputError(() => assertOptionalCount(-1, 'capacity'), 'capacity', InputProblemCode.NOT_A_COUNT);
  });

  it.each([
    ['an Invalid Date', new Date(Number.NaN)],
    ['a date string', '2026-11-27'],
    ['epoch milliseconds', 1_700_000_000_000],
    ['null', null],
  ])('assertDate refuses %s', (_, value) => {
    expectInputError(() => assertDate(value, 'now'), 'now', InputProblemCode.INVALID_DATE);
  });

  it('assertOptionalDate refuses an Invalid Date', () => {
    expectInputError(
      () => assertOptionalDate(new Date('nope'), 'lock.until'),
      'lock.until',
      InputProblemCode.INVALID_DATE,
    );
  });

  it('assertOneOf lists the allowed values', () => {
    const error = expectInputError(
      () => assertOneOf('YEAR', ['WEEK', 'MONTH'], 'period'),
      'period',
      InputProblemCode.UNKNOWN_VALUE,
    );
    expect(error.problems[0].message).toBe('period must be one of WEEK, MONTH.');
  });

  it('fills the index of a list field only when it throws, and drops it without a key', () => {
    expectInputError(
      () => assertFinite(Number.NaN, 'waitlist[].score', 3),
      'waitlist[3].score',
      InputProblemCode.NOT_FINITE,
    );
    expectInputError(
      () => assertCount(-1, 'occupancy[].members', 'gold'),
      'occupancy[gold].members',
      InputProblemCode.NOT_A_COUNT,
    );
    expectInputError(
      () => assertCount(-1, 'occupancy[].members'),
      'occupancy.members',
      InputProblemCode.NOT_A_COUNT,
    );
  });

  it.each([
    ['a short list (pairwise)', 5],
    ['a long list (hashed)', 500],
  ])('assertUniqueIds finds a repeated id in %s, naming both places but not the id', (_, length) => {
    const items = Array.from({ length }, (_, i) => ({ id: `customer-${i}` }));
    items[length - 1] = { id: 'customer-1' };
    const error = expectInputError(
      () => assertUniqueIds(items, idOf, 'waitlist[].customerId'),
      `waitlist[${length - 1}].customerId`,
      InputProblemCode.DUPLICATE_ID,
    );
    expect(error.problems[0].message).toBe(
      `waitlist[${length - 1}].customerId repeats the id of waitlist[1].customerId.`,
    );
    expect(error.message).not.toContain('customer-1');
    expect(() => assertUniqueIds(items.slice(0, -1), idOf, 'waitlist[].customerId')).not.toThrow();
  });

  it('invalidInput builds the same error the guards throw', () => {
    const error = invalidInput('timeZone', InputProblemCode.INVALID_TIME_ZONE, 'is not an IANA time zone.');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: DomainErrorCode.INVALID_INPUT,
      message: 'INVALID_INPUT: timeZone: timeZone is not an IANA time zone.',
      problems: [
        {
          path: 'timeZone',
          code: InputProblemCode.INVALID_TIME_ZONE,
          message: 'timeZone is not an IANA time zone.',
        },
      ],
    });
  });
});
