import { randomUUID } from 'node:crypto';
import { type ApiTestApp, startApiTestApp } from './api-test-app';
import { errorsOf, openWs, type WsTestClient, wsUrl } from './ws-test-client';

/** A small deterministic PRNG (mulberry32): the same corpus on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** A string that no column takes: a NUL byte somewhere, or far too long. */
function badText(random: Random): string {
  const base = 'x'.repeat(int(random, 0, 20));
  return random() < 0.7
    ? `${base}\u0000${base}`
    : pick(random, ['y', 'é', '\u{1F600}']).repeat(int(random, 2_001, 20_000));
}

/** Not a string (for String fields). */
function notAString(random: Random): unknown {
  return pick(random, [42, 3.5, true, false, [], {}, [1], { nested: 1 }]);
}

/** Not a number (for Int and Float fields). */
function notANumber(random: Random): unknown {
  return pick(random, [true, false, [], {}, ['a'], { nested: 1 }, '', 'not-a-number', '12']);
}

const badNumber = (random: Random) =>
  pick(random, [-1, -1e9, 1e13, 1e308, 2 ** 31, -(2 ** 31) - 1, 1.5, 0.000001, Number.MAX_SAFE_INTEGER]);

/** Amounts numeric(14,2) cannot hold, or that the contract refuses (negative). */
const badAmount = (random: Random) =>
  pick(random, [-1, -0.01, 1e12, 1e13, 1e308, Number.MAX_SAFE_INTEGER, 999_999_999_999.995]);

/** 1 + 5n levels: tiers → waitlist → edges → node → customer → tier → waitlist … */
function deepNesting(n: number): HttpCase {
  const open = 'waitlist { edges { node { customer { tier { '.repeat(n);
  const close = ' } } } } }'.repeat(n);
  return gql('deep nesting', `{ tiers { ${open}id${close} } }`);
}

interface HttpCase {
  kind: string;
  body: string;
  contentType?: string;
  auth?: boolean;
}

const gql = (kind: string, query: string, variables?: Record<string, unknown>, auth = true): HttpCase => ({
  kind,
  body: JSON.stringify({ query, variables }),
  auth,
});

const CREATE_CUSTOMER = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
const RECORD = 'mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }';
const RECORD_MANY =
  'mutation ($input: RecordInteractionsInput!) { recordInteractions(input: $input) { accepted } }';
const LADDER = 'mutation ($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }';
const CUSTOMERS =
  'query ($first: Int!, $filter: CustomerFilterInput) { customers(first: $first, filter: $filter) { totalCount } }';
const CAMPAIGN = 'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }';
const KEY = 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const LOCK = 'mutation ($input: LockCustomerTierInput!) { lockCustomerTier(input: $input) { locked } }';
const IMPORT = 'mutation ($input: ImportCustomersInput!) { importCustomers(input: $input) { created } }';

const tier = { name: 'T', rank: 1, entryScore: 1, retainScore: 1, graceDays: 0 };
const visit = { id: 'v', customerExternalRef: 'ann', type: 'VISIT' };

/** Generators of requests that must each be refused with a code. */
const HTTP_GENERATORS: ((random: Random) => HttpCase)[] = [
  // NUL bytes and huge strings in every kind of text input.
  (r) => gql('bad text', CREATE_CUSTOMER, { input: { externalRef: badText(r) } }),
  (r) => gql('bad text', CREATE_CUSTOMER, { input: { externalRef: 'ok', name: badText(r) } }),
  (r) => gql('bad text', CREATE_CUSTOMER, { input: { externalRef: 'ok', email: badText(r) } }),
  (r) => gql('bad text', CUSTOMERS, { first: 10, filter: { search: badText(r) } }),
  (r) => gql('bad text', RECORD, { input: { ...visit, comment: badText(r) } }),
  (r) => gql('bad text', RECORD, { input: { ...visit, id: badText(r) } }),
  (r) => gql('bad text', RECORD, { input: { ...visit, customerExternalRef: badText(r) } }),
  (r) => gql('bad text', LADDER, { input: { tiers: [{ ...tier, name: badText(r) }] } }),
  (r) => gql('bad text', LADDER, { input: { tiers: [tier], timeZone: badText(r) } }),
  (r) => gql('bad text', CAMPAIGN, { input: { name: badText(r), audience: { kind: 'ALL' } } }),
  (r) => gql('bad text', KEY, { input: { name: badText(r), scopes: ['CustomersRead'] } }),
  (r) =>
    gql('bad text', LOCK, { input: { customerId: randomUUID(), tierId: randomUUID(), reason: badText(r) } }),
  (r) =>
    gql('bad text', 'query ($ref: String!) { customerByExternalRef(externalRef: $ref) { id } }', {
      ref: badText(r),
    }),
  // Wrong types, through variables and inline.
  (r) => gql('wrong type', CREATE_CUSTOMER, { input: { externalRef: notAString(r) } }),
  (r) => gql('wrong type', CUSTOMERS, { first: notANumber(r) }),
  (r) => gql('wrong type', RECORD, { input: { ...visit, rating: notANumber(r), type: 'FEEDBACK' } }),
  (r) => gql('wrong type', RECORD, { input: pick(r, [42, 'visit', true, [], {}, [visit]]) }),
  (r) => gql('wrong type', `{ customers(first: ${JSON.stringify(String(notANumber(r)))}) { totalCount } }`),
  (r) => gql('wrong type', `{ customer(id: ${int(r, 1, 99999)}.5) { id } }`),
  // Numbers out of range.
  (r) => gql('out of range', CUSTOMERS, { first: pick(r, [0, -1, 101, 1000, 2 ** 31, 1.5]) }),
  (r) =>
    gql('out of range', RECORD, {
      input: { ...visit, type: 'PURCHASE', amount: badAmount(r), currency: 'EUR' },
    }),
  (r) => gql('out of range', RECORD, { input: { ...visit, type: 'FEEDBACK', rating: badNumber(r) } }),
  (r) => gql('out of range', LADDER, { input: { tiers: [{ ...tier, graceDays: badNumber(r) }] } }),
  (r) => gql('out of range', LADDER, { input: { tiers: [{ ...tier, capacity: badNumber(r) }] } }),
  (r) =>
    gql('out of range', LADDER, { input: { tiers: [{ ...tier, entryScore: -Math.abs(badNumber(r)) - 1 }] } }),
  (r) => gql('out of range', CUSTOMERS, { first: 10, filter: { minScore: -Math.abs(badNumber(r)) - 1 } }),
  // Huge lists (one generator, so the few large bodies stay a small share of the corpus).
  (r) =>
    pick(r, [
      () =>
        gql('huge list', RECORD_MANY, {
          input: {
            interactions: Array.from({ length: int(r, 1001, 1500) }, (_, i) => ({ ...visit, id: `v${i}` })),
          },
        }),
      () =>
        gql('huge list', LADDER, {
          input: { tiers: Array.from({ length: int(r, 51, 80) }, (_, i) => ({ ...tier, rank: i + 1 })) },
        }),
      () =>
        gql('huge list', IMPORT, {
          input: {
            customers: Array.from({ length: int(r, 10_001, 10_050) }, (_, i) => ({ externalRef: `c${i}` })),
          },
        }),
    ])(),
  () => gql('empty list', RECORD_MANY, { input: { interactions: [] as unknown[] } }),
  // Unknown enums.
  (r) =>
    gql('unknown enum', RECORD, {
      input: { ...visit, type: pick(r, ['TELEPATHY', 'visit', '', 'PURCHASE ']) },
    }),
  (r) =>
    gql(
      'unknown enum',
      `{ customers(sort: { field: ${pick(r, ['SHOE_SIZE', 'score', 'joined_at'])} }) { totalCount } }`,
    ),
  (r) =>
    gql('unknown enum', KEY, {
      input: { name: 'k', scopes: [pick(r, ['ROOT', 'admin', 'customers:read'])] },
    }),
  // Deep nesting and many aliases.
  (r) => deepNesting(int(r, 2, 6)),
  (r) =>
    gql(
      'many aliases',
      `{ ${Array.from({ length: int(r, 16, 300) }, (_, i) => `a${i}: business { id }`).join(' ')} }`,
    ),
  (r) =>
    gql(
      'many aliases',
      `{ ${Array.from({ length: int(r, 16, 100) }, (_, i) => `a${i}: __schema { types { name } }`).join(' ')} }`,
    ),
  (r) => gql('token limit', `{ business { ${'id '.repeat(int(r, 2001, 5000))} } }`),
  // Requests that are not GraphQL.
  (r) => ({
    kind: 'syntax error',
    body: JSON.stringify({ query: `{ business { id ${'{'.repeat(int(r, 1, 5))}` }),
  }),
  (r) => ({
    kind: 'malformed json',
    body: `{"query": "{ business { id } }"${pick(r, ['', ',', '}}', ' x'])}`,
  }),
  (r) => ({ kind: 'malformed json', body: pick(r, ['', 'null', '[', '"just a string"', '{']) }),
  (r) => ({
    kind: 'batched array',
    body: JSON.stringify(Array.from({ length: int(r, 2, 50) }, () => ({ query: '{ business { id } }' }))),
  }),
  (r) => ({
    kind: 'missing query',
    body: JSON.stringify(pick(r, [{}, { query: null }, { query: 42 }, { variables: {} }])),
  }),
  (r) => ({
    kind: 'csrf media type',
    body: JSON.stringify({ query: '{ business { id } }' }),
    contentType: pick(r, ['text/plain', 'application/x-www-form-urlencoded']),
  }),
  // Unauthenticated callers.
  (r) => gql('unauthenticated', pick(r, ['{ business { id } }', CUSTOMERS]), { first: 5 }, false),
];

type Outcome = { kind: string; code: string };

function httpOutcome(kind: string, status: number, text: string): Outcome {
  if (status >= 500) return { kind, code: `HTTP_${status}` };
  let body: { errors?: { extensions?: { code?: string } }[] } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { kind, code: 'NOT_JSON' };
  }
  const code = body?.errors?.[0]?.extensions?.code;
  return { kind, code: code ?? (body?.errors ? 'NO_CODE' : 'ACCEPTED') };
}

/**
 * Issue 11's hostile-input check as a spec: a generated corpus (fixed seed) of bad requests
 * over HTTP and graphql-ws, each of which must be refused with a code, with no internal
 * error and no crash. The counts are printed at the end for the reliability report.
 */
describe('hostile input corpus (HTTP and graphql-ws)', () => {
  let api: ApiTestApp;
  let key: string;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    api = await startApiTestApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' });
    ({ key } = await api.createBusiness('Besieged café'));
  });

  afterAll(async () => {
    const byCode = new Map<string, number>();
    for (const { code } of outcomes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
    const internal = outcomes.filter((o) => isInternal(o.code)).length;
    process.stdout.write(
      `${JSON.stringify({
        summary: 'hostile-input',
        tried: outcomes.length,
        http: outcomes.filter((o) => !o.kind.startsWith('ws ')).length,
        ws: outcomes.filter((o) => o.kind.startsWith('ws ')).length,
        internalErrors: internal,
        accepted: outcomes.filter((o) => o.code === 'ACCEPTED').length,
        byCode: Object.fromEntries(byCode),
      })}\n`,
    );
    await api.close();
  });

  const isInternal = (code: string) =>
    code === 'INTERNAL_SERVER_ERROR' ||
    code.startsWith('HTTP_5') ||
    code === 'NO_CODE' ||
    code === 'NOT_JSON';

  // 1,605 requests: ~20 s on a quiet machine, close to the default 60 s on a loaded one; the
  // limit below only stops a hung run, it asserts nothing about speed.
  it('refuses 1,600 generated bad HTTP requests, each with a code, none internal', async () => {
    const random = prng(11);
    const cases = Array.from({ length: 1600 }, () => pick(random, HTTP_GENERATORS)(random));
    // Five oversized bodies too: each is refused by Fastify before anything is parsed.
    for (let i = 0; i < 5; i++) {
      cases.push({
        kind: 'oversized body',
        body: JSON.stringify({ query: `#${'x'.repeat(6 * 1024 * 1024)}` }),
      });
    }
    const send = async ({ kind, body, contentType, auth = true }: HttpCase): Promise<Outcome> => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': contentType ?? 'application/json',
          ...(auth ? { authorization: `Bearer ${key}` } : {}),
        },
        body,
      });
      return httpOutcome(kind, response.status, await response.text());
    };
    const results = await runConcurrently(cases, 8, send);
    outcomes.push(...results);
    const bad = results.filter((o) => isInternal(o.code) || o.code === 'ACCEPTED');
    expect(bad).toEqual([]);
    // The server is still up and answers a good request.
    expect((await api.graphql('{ business { id } }', { key })).errors).toBeUndefined();
  }, 180_000);

  it('refuses 500 generated bad graphql-ws connections and messages, each with a code, none internal', async () => {
    const random = prng(12);
    // 150 sockets without a usable key: closed with a code before anything runs.
    const anonymous = Array.from({ length: 150 }, (_, i) =>
      openWs(
        wsUrl(api.url),
        pick(random, [
          undefined,
          {},
          { authorization: 'Bearer ic_nope' },
          { authorization: `Bearer ${key}x` },
          { authorization: i },
        ]),
      ),
    );
    const anonymousOutcomes = await Promise.all(
      anonymous.map(async (client) => {
        await client.ready;
        return {
          kind: 'ws unauthenticated',
          code: client.closed ? `CLOSE_${client.closed.code}` : 'ACCEPTED',
        };
      }),
    );
    outcomes.push(...anonymousOutcomes);
    expect(anonymousOutcomes.filter((o) => !o.code.startsWith('CLOSE_44'))).toEqual([]);

    // 300 bad operations on authenticated sockets: each answered with coded errors.
    const documents: ((r: Random) => string)[] = [
      (r) => `{ business { id ${'{'.repeat(int(r, 1, 4))}`,
      () => '{ business { id name } }',
      (r) =>
        `mutation { createCustomer(input: { externalRef: ${JSON.stringify(badText(r).slice(0, 50))} }) { id } }`,
      () => '{ __schema { types { name } } }',
      () => '{ custmer(id: "x") { id } }',
      (r) =>
        `subscription { ${Array.from({ length: int(r, 16, 60) }, (_, i) => `t${i}: tierChanged { eventId }`).join(' ')} }`,
      (r) => `subscription { tierChanged { ${'eventId '.repeat(int(r, 2001, 3000))} } }`,
      () => 'subscription { tierChanged { nope } }',
      (r) => `subscription ($x: Int) { tierChanged(x: $x) { eventId } } # ${r()}`,
      () => 'subscription A { tierChanged { eventId } } subscription B { tierChanged { eventId } }',
    ];
    const sockets: WsTestClient[] = [];
    for (let i = 0; i < 3; i++) {
      const client = openWs(wsUrl(api.url), { authorization: `Bearer ${key}` });
      expect(await client.ready).toBe('ack');
      sockets.push(client);
    }
    for (let i = 0; i < 300; i++) sockets[i % 3].subscribe(`op${i}`, pick(random, documents)(random));
    for (let i = 0; i < 300; i++) {
      const message = await sockets[i % 3].answer(`op${i}`);
      const code = errorsOf(message)[0]?.extensions?.code;
      outcomes.push({
        kind: 'ws operation',
        code: code ?? (message.type === 'next' ? 'ACCEPTED' : 'NO_CODE'),
      });
    }

    // 50 malformed protocol messages: each closes its socket with a 44xx code.
    for (let i = 0; i < 50; i++) {
      const client = openWs(wsUrl(api.url), { authorization: `Bearer ${key}` });
      expect(await client.ready).toBe('ack');
      client.sendRaw(
        pick(random, [
          '{ not json',
          JSON.stringify({ type: 'subscribe', id: 'x', payload: { query: 42 } }),
          JSON.stringify({ type: 'subscribe' }),
          JSON.stringify({ type: 'telepathy' }),
          JSON.stringify({ type: 'connection_init' }),
        ]),
      );
      await client.close().catch(() => undefined);
      outcomes.push({
        kind: 'ws malformed',
        code: client.closed ? `CLOSE_${client.closed.code}` : 'ACCEPTED',
      });
    }
    for (const client of sockets) await client.close();

    const ws = outcomes.filter((o) => o.kind.startsWith('ws '));
    expect(ws.length).toBeGreaterThanOrEqual(500);
    expect(ws.filter((o) => isInternal(o.code) || o.code === 'ACCEPTED' || o.code === 'CLOSE_4500')).toEqual(
      [],
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(2000);
  });
});

async function runConcurrently<T, R>(
  items: T[],
  concurrency: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]);
      }
    }),
  );
  return results;
}
