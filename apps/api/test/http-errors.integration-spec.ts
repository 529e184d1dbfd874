import { QUERY_LIMITS } from '../src/graphql/operation-rules';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

interface RawResponse {
  status: number;
  body: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
}

describe('HTTP errors and limits (issue 11, "Errors and logs")', () => {
  let api: ApiTestApp;
  let key: string;

  beforeAll(async () => {
    api = await startApiTestApp({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' });
    ({ key } = await api.createBusiness('Erroneous café'));
  });

  afterAll(() => api.close());

  async function post(body: string, contentType = 'application/json'): Promise<RawResponse> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${key}` },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as RawResponse['body'] };
  }

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const response = await post(JSON.stringify({ query: '{ business { id }' }));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a document over the token limit with 400 GRAPHQL_PARSE_FAILED', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'id').join(' ');
    const response = await post(JSON.stringify({ query: `{ business { ${fields} } }` }));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/tokens/);
  });

  it.each([
    [
      'depth',
      `{ business { ${'tiers { waitlist { edges { node { customer { tier { '.repeat(2)}id${' } } } } } }'.repeat(2)} } }`,
      /depth/i,
    ],
    ['aliases', `{ ${Array.from({ length: 20 }, (_, i) => `b${i}: business { id }`).join(' ')} }`, /alias/i],
    [
      'cost',
      `{ ${Array.from({ length: 3 }, (_, i) => `c${i}: customers(first: 100) { edges { node { id tier { id name rank benefits } } } }`).join(' ')} }`,
      /cost/i,
    ],
  ])('refuses too much %s with an honest 400 GRAPHQL_VALIDATION_FAILED', async (_limit, query, expected) => {
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(400);
    const [error] = response.body.errors ?? [];
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).not.toMatch(/Syntax Error/);
    expect(error?.message).toMatch(expected);
  });

  it('lets a documented page of 100 customers through the cost limit', async () => {
    const response = await post(
      JSON.stringify({
        query:
          '{ customers(first:100){ totalCount pageInfo{hasNextPage endCursor} edges{node{id externalRef score tier{id name rank}}} } }',
      }),
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('answers a body that is not JSON GraphQL-shaped, with a code', async () => {
    const response = await post('{ "query": "{ business { id } }"');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('answers an oversized body with 413 and a code', async () => {
    const response = await post(
      JSON.stringify({ query: `{ business { id } } #${'x'.repeat(6 * 1024 * 1024)}` }),
    );
    expect(response.status).toBe(413);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers UNAUTHENTICATED with HTTP 200 and the code, as Apollo does (documented in the README)', async () => {
    const response = await api.graphql('{ business { id } }');
    expect(response.status).toBe(200);
    expect(response.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('takes an explicit `after: null` as the first page on every connection (Relay style)', async () => {
    const ladder = await api.graphql(
      'mutation { setTierLadder(input: { tiers: [{ name: "Regulars", rank: 1, entryScore: 1, retainScore: 1, graceDays: 0, capacity: 5 }] }) { version } }',
      { key },
    );
    expect(ladder.errors).toBeUndefined();
    const response = await api.graphql(
      `query ($after: String) {
         tiers { waitlist(first: 5, after: $after) { totalCount edges { cursor } } w2: waitlist(first: 5, after: null) { totalCount } }
         customers(first: 5, after: null) { totalCount }
         campaigns(first: 5, after: null) { totalCount }
       }`,
      { key, variables: { after: null } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      tiers: [{ waitlist: { totalCount: 0 }, w2: { totalCount: 0 } }],
      customers: { totalCount: 0 },
      campaigns: { totalCount: 0 },
    });
  });
});
