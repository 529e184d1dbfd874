import { fullFormats } from 'ajv-formats/dist/formats';
import fc from 'fast-check';
import { isDateTime } from './formats.js';

// ajv-formats' date-time (the usual reading of JSON Schema's format) is the oracle. It also
// accepts what RFC 3339 does not (any whitespace as separator, `+0200`, `+02`), so the check is:
// the same answer on every RFC 3339-shaped string, and never more accepting on the rest.
const ajvDateTime = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;
const RFC_3339_SHAPE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateTimeLike = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1900, 2000, 2023, 2024, 2100)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    separator: fc.constantFrom('T', 't', ' ', '\t', 'x'),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(0, 59)),
    second: fc.constantFrom(0, 30, 59, 60, 61),
    fraction: fc.constantFrom('', '.5', '.000001', '.'),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', '', '+0200', '+02'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
        .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}${t.separator}${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction}${t.zone}`,
  );

describe('isDateTime (the date-time format of the compiled validators)', () => {
  it('answers as ajv-formats on RFC 3339-shaped strings and accepts nothing it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(dateTimeLike, fc.string()), (value) => {
        if (RFC_3339_SHAPE.test(value)) expect(isDateTime(value)).toBe(ajvDateTime(value));
        else expect(isDateTime(value)).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['2024-02-29T10:00:00Z', true],
    ['2023-02-29T10:00:00Z', false],
    ['1900-02-29T10:00:00Z', false],
    ['2000-02-29T10:00:00Z', true],
    ['2024-04-31T10:00:00Z', false],
    ['2016-12-31T23:59:60Z', true],
    ['2016-12-31T18:59:60-05:00', true],
    ['2016-12-31T23:58:60Z', false],
    ['2024-05-01 10:00:00.123+02:00', true],
    ['2024-05-01T10:00:00', false],
  ])('%s → %s', (value, expected) => {
    expect(isDateTime(value)).toBe(expected);
  });
});
