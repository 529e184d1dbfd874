import fc from 'fast-check';
import {
  interactionRecordedV1Example,
  parseEvent,
  tierChangedV1Example,
  tierDowngradeWarningV1Example,
} from '../src/index.js';
import { parseEventWithClassValidator } from './support/class-validator-oracle.js';

/*
 * The drift test between the AsyncAPI schemas and the rules the payload classes enforced with
 * class-validator until the compiled validators replaced them: events, valid and mutated near
 * every boundary, get the same verdict (accepted, or refused with the same kind and the same
 * failing fields) from parseEvent and from the old class-validator path kept as an oracle.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly string[];

const UUID = '9c1d2e3f-4a5b-4c6d-8e7f-001122334455';

// Strings avoid U+FE0E/U+FE0F, the one known difference (see the test at the end of this file).
const text = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ maxLength, unit: 'binary' }).filter((s) => !/[\uFE0E\uFE0F]/.test(s));

const hex = (length: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: length, maxLength: length })
    .map((chars) => chars.join(''));

/** UUID-shaped strings, most with a valid version and variant, some not, some special. */
const uuidLike: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      hex(8),
      hex(4),
      fc.constantFrom(...'0123456789abcdefF'),
      hex(3),
      fc.constantFrom(...'0789abAB'),
      hex(3),
      hex(12),
    )
    .map(([a, b, version, c, variant, d, e]) => `${a}-${b}-${version}${c}-${variant}${d}-${e}`),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    `urn:uuid:${UUID}`,
    `{${UUID}}`,
    UUID.replace(/-/g, ''),
    `${UUID} `,
  ),
);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Timestamps around every boundary of RFC 3339 and ISO 8601: separators, zones, calendar. */
const timestampLike: fc.Arbitrary<string> = fc
  .record({
    year: fc.constantFrom('2024', '2023', '2000', '1900', '0000', '9999', '20245', '24'),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
    separator: fc.constantFrom('T', 'T', 'T', 't', ' ', '\t', '_'),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.constantFrom(0, 30, 59, 60),
    second: fc.constantFrom('00', '59', '60', '61', ''),
    fraction: fc.constantFrom('', '', '.5', '.123456789', ',5', '.'),
    zone: fc.constantFrom(
      'Z',
      'Z',
      'z',
      '+02:00',
      '-23:59',
      '+24:00',
      '+0200',
      '+02',
      '',
      '-00:00',
      '+05:60',
    ),
  })
  .map(
    ({ year, month, day, separator, hour, minute, second, fraction, zone }) =>
      `${year}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}${second === '' ? '' : `:${second}`}${fraction}${zone}`,
  );

const numberLike: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 5, 6, 4.5, 0.5, 1e13, 1e308, -1e-9, 1e20, 2 ** 53, 999_999_999_999.99),
  fc.constantFrom(999_999_999_999.999, 999_999_999_999.991, 1_000_000_000_000),
  fc.integer({ min: -10, max: 10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const stringLike: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'a', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501)),
  fc.constantFrom(
    'c'.repeat(2000),
    'c'.repeat(2001),
    'a\u0000b',
    '\u0000',
    '😀'.repeat(200),
    '😀'.repeat(201),
  ),
  fc.constantFrom('\uD800', 'crm 1', '1.0', 'application/json', 'application/xml', 'SCORE_INCREASED'),
  fc.constantFrom('score went up', 'x'.repeat(100), 'x'.repeat(101), 'a:b.c-d_e'),
  fc.constantFrom(
    'PURCHASE',
    'VISIT',
    'FEEDBACK',
    'REFERRAL',
    'CAMPAIGN_REDEMPTION',
    'TELEPATHY',
    'purchase',
  ),
  fc.constantFrom('UP', 'DOWN', 'NONE', 'SIDEWAYS', 'EUR', 'USD', 'eur', 'EURO', 'ABC', 'XXX', 'ZWL', 'XTS'),
  fc.constantFrom('com.innercircle.interaction.recorded.v1', 'com.innercircle.tier.changed.v1'),
  fc.constantFrom('com.innercircle.tier.downgrade-warning.v1', 'com.innercircle.interaction.recorded.v9'),
  fc.stringMatching(/^[A-Za-z0-9_.:\- ]{0,102}$/),
  fc.stringMatching(/^[A-Z]{3}$/),
  text(30),
  uuidLike,
  timestampLike,
);

const tierLike: fc.Arbitrary<Json> = fc.record(
  {
    id: fc.oneof(fc.constant(UUID), uuidLike),
    name: fc.oneof(fc.constant('Gold'), stringLike),
    rank: numberLike,
  },
  { requiredKeys: [] },
);

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: stringLike },
  { weight: 3, arbitrary: numberLike },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [1], { a: 1 }, 'null') },
  { weight: 1, arbitrary: tierLike },
);

/** A mutation: at `path`, delete the key, or set a value (a new key when the path names none). */
const mutation = (paths: readonly Path[]): fc.Arbitrary<{ path: Path; value: Json | undefined }> =>
  fc.record({
    path: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...paths) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom<Path>([], ['data'], ['data', 'interaction'], ['data', 'newTier']),
            // Not the names of Object.prototype's members: the known difference tested at the end.
            fc.string().filter((key) => !(key in {})),
          )
          .map(([parent, key]) => [...parent, key]),
      },
    ),
    value: fc.option(anyValue, { nil: undefined, freq: 6 }),
  });

function applyMutation(event: Json, path: Path, value: Json | undefined): void {
  let node: Json = event;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    node = node[key];
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

const envelopePaths: Path[] = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
  'data',
].map((key) => [key]);
const within = (parent: Path, keys: string[]): Path[] => keys.map((key) => [...parent, key]);

const interactionKeys = ['id', 'type', 'occurredAt', 'amount', 'currency', 'rating', 'comment'];
const interactionPaths: Path[] = [
  ...envelopePaths,
  ...within(['data'], ['businessId', 'customerRef', 'interaction']),
  ...within(['data', 'interaction'], [...interactionKeys, 'referredCustomerRef', 'campaignId']),
  // the conditional rules deserve more weight
  ...within(
    ['data', 'interaction'],
    ['type', 'amount', 'currency', 'rating', 'referredCustomerRef', 'campaignId'],
  ),
];
const tierKeys = ['id', 'name', 'rank'];
const tierChangedPaths: Path[] = [
  ...envelopePaths,
  ...within(['data'], Object.keys(tierChangedV1Example.data)),
  ...within(['data', 'previousTier'], tierKeys),
  ...within(['data', 'newTier'], tierKeys),
];
const downgradePaths: Path[] = [
  ...envelopePaths,
  ...within(['data'], Object.keys(tierDowngradeWarningV1Example.data)),
  ...within(['data', 'currentTier'], tierKeys),
  ...within(['data', 'targetTier'], tierKeys),
];

/** Valid starting points: each interaction type with its own field. */
const interactionBases = [
  { type: 'PURCHASE', amount: 10, currency: 'EUR' },
  { type: 'VISIT' },
  { type: 'VISIT', amount: 3, currency: 'GBP', comment: null },
  { type: 'FEEDBACK', rating: 4, comment: 'nice' },
  { type: 'REFERRAL', referredCustomerRef: 'crm-2' },
  { type: 'CAMPAIGN_REDEMPTION', campaignId: UUID },
].map((fields) => ({
  ...(JSON.parse(JSON.stringify(interactionRecordedV1Example)) as { [key: string]: Json }),
  data: {
    businessId: interactionRecordedV1Example.data.businessId,
    customerRef: 'crm-1',
    interaction: { id: 'i-1', occurredAt: '2024-05-01T10:00:00Z', ...fields },
  },
})) as unknown as Json[];

function events(bases: Json[], paths: Path[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation(paths), { maxLength: 3 }))
    .map(([base, mutations]) => {
      const event = JSON.parse(JSON.stringify(base)) as Json;
      for (const { path, value } of mutations) applyMutation(event, path, value);
      return JSON.stringify(event);
    });
}

/**
 * Same verdict: both accept (the same event), or both refuse with the same kind and the same
 * failing fields. class-validator also named the items of an array given for an object
 * (`interaction.0`); the schemas stop at the field (`interaction`), which is what matters.
 */
function expectSameVerdict(raw: string): void {
  const old = parseEventWithClassValidator(raw);
  const result = parseEvent(raw);
  if (result.ok || old.ok) {
    expect({ ok: result.ok, error: result.ok ? undefined : result.error }).toEqual({
      ok: old.ok,
      error: undefined,
    });
    if (result.ok) expect(result.event).toEqual(old.event);
    return;
  }
  expect(result.error.kind).toBe(old.kind);
  const paths = new Set(result.error.details.map((issue) => issue.path));
  const coveredByNew = (path: string): boolean =>
    [...paths].some((failing) => path === failing || path.startsWith(`${failing}.`));
  expect([...new Set(old.paths)].filter((path) => !coveredByNew(path))).toEqual([]);
  expect([...paths].filter((path) => !old.paths.includes(path))).toEqual([]);
}

const RUNS = { numRuns: 2_000 };

describe('compiled schemas ≡ the class-validator rules they replaced', () => {
  it('interaction.recorded.v1: same verdict and same failing fields', () => {
    fc.assert(fc.property(events(interactionBases, interactionPaths), expectSameVerdict), RUNS);
  });

  it('tier.changed.v1: same verdict and same failing fields', () => {
    const bases: Json[] = [
      tierChangedV1Example,
      { ...tierChangedV1Example, data: { ...tierChangedV1Example.data, previousTier: null } },
    ].map((event) => JSON.parse(JSON.stringify(event)) as Json);
    fc.assert(fc.property(events(bases, tierChangedPaths), expectSameVerdict), RUNS);
  });

  it('tier.downgrade-warning.v1: same verdict and same failing fields', () => {
    const bases: Json[] = [
      tierDowngradeWarningV1Example,
      { ...tierDowngradeWarningV1Example, data: { ...tierDowngradeWarningV1Example.data, targetTier: null } },
    ].map((event) => JSON.parse(JSON.stringify(event)) as Json);
    fc.assert(fc.property(events(bases, downgradePaths), expectSameVerdict), RUNS);
  });

  it('timestamps: the same ones accepted', () => {
    fc.assert(
      fc.property(timestampLike, (time) => {
        expectSameVerdict(JSON.stringify({ ...tierChangedV1Example, time }));
      }),
      RUNS,
    );
  });

  it('UUIDs: the same ones accepted', () => {
    fc.assert(
      fc.property(uuidLike, (id) => {
        expectSameVerdict(
          JSON.stringify({ ...tierChangedV1Example, data: { ...tierChangedV1Example.data, customerId: id } }),
        );
      }),
      RUNS,
    );
  });

  /** Events (raw JSON) on which the two validators disagree about acceptance. */
  const disagreements = (raws: Iterable<string>): string[] =>
    [...raws].filter((raw) => parseEvent(raw).ok !== parseEventWithClassValidator(raw).ok);

  it('currencies: every three upper-case letters get the same verdict', () => {
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    const base = interactionBases[0] as { data: { interaction: Record<string, Json> } };
    const codes = letters.flatMap((a) => letters.flatMap((b) => letters.map((c) => a + b + c)));
    const raws = codes.map((currency) =>
      JSON.stringify({
        ...base,
        data: { ...base.data, interaction: { ...base.data.interaction, currency } },
      }),
    );
    expect(disagreements(raws)).toEqual([]);
  });

  it('calendar dates: the same ones accepted, every day of the edge years', () => {
    const years = [0, 1, 4, 99, 100, 101, 400, 1900, 2000, 2023, 2024, 2100, 9999];
    const raws = years.flatMap((year) =>
      Array.from({ length: 12 * 31 }, (_, i) => {
        const time = `${pad(year, 4)}-${pad(Math.floor(i / 31) + 1)}-${pad((i % 31) + 1)}T12:00:00Z`;
        return JSON.stringify({ ...tierChangedV1Example, time });
      }),
    );
    expect(disagreements(raws)).toEqual([]);
  });

  it('known, intended difference: an unknown field named like an Object.prototype member is refused', () => {
    // class-validator's whitelist let `valueOf`, `toString`, `constructor`… through; the schema does not.
    const raw = JSON.stringify({
      ...tierChangedV1Example,
      data: { ...tierChangedV1Example.data, newTier: { ...tierChangedV1Example.data.newTier, valueOf: {} } },
    });
    expect(parseEventWithClassValidator(raw).ok).toBe(true);
    expect(parseEvent(raw)).toMatchObject({ ok: false, error: { details: [{ path: 'newTier.valueOf' }] } });
  });

  it('known, intended difference: lengths count code points (U+FE0F counts), where class-validator did not', () => {
    // class-validator's isLength subtracts variation selectors; JSON Schema (and PostgreSQL) count
    // every code point. 101 × "x\uFE0F" is 202 code points: over the 200 limit, now refused.
    const raw = JSON.stringify({
      ...tierChangedV1Example,
      data: { ...tierChangedV1Example.data, customerRef: 'x\uFE0F'.repeat(101) },
    });
    expect(parseEventWithClassValidator(raw).ok).toBe(true);
    expect(parseEvent(raw)).toMatchObject({ ok: false, error: { details: [{ path: 'customerRef' }] } });
  });
});
