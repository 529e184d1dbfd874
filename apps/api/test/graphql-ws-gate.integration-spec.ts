import { randomUUID } from 'node:crypto';
import { buildTierChangedV1Event, TierChangeDirection, tierChangeKey, Topics } from '@inner-circle/contracts';
import { OutboxRepository, TransactionRunner } from '@inner-circle/persistence';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { GraphQLWsGate, WS_CLOSE } from '../src/graphql/graphql-ws-gate.service';
import { type ApiTestApp, startApiTestApp } from './api-test-app';
import { errorsOf, openWs, until, type WsTestClient, wsUrl } from './ws-test-client';

const SUBSCRIPTION = 'subscription { tierChanged { eventId customerId } }';
const INTROSPECTION = '{ __schema { types { name fields { name } } } }';

/** The examples of issue 11's "Critical" section, replayed against the real api in production-like settings. */
describe('graphql-ws gate (production-like: introspection off)', () => {
  let api: ApiTestApp;
  const clients: WsTestClient[] = [];

  beforeAll(async () => {
    api = await startApiTestApp({
      NODE_ENV: 'production',
      GRAPHQL_INTROSPECTION: 'false',
      WS_MAX_CONNECTIONS_PER_KEY: '3',
      WS_MAX_SUBSCRIPTIONS_PER_KEY: '2',
      WS_KEY_RECHECK_SECONDS: '1',
    });
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await api.close();
  });

  function connect(key: string | undefined, params?: Record<string, unknown>): WsTestClient {
    const client = openWs(wsUrl(api.url), params ?? (key ? { authorization: `Bearer ${key}` } : undefined));
    clients.push(client);
    return client;
  }

  async function publishTierChange(businessId: string): Promise<string> {
    const customerId = randomUUID();
    const event = buildTierChangedV1Event(
      {
        businessId,
        customerId,
        customerRef: 'ann',
        previousTier: null,
        newTier: { id: randomUUID(), name: 'Regulars', rank: 1 },
        direction: TierChangeDirection.UP,
        reason: 'ENTRY_SCORE_REACHED',
        score: 12,
        ruleVersion: 1,
        occurredAt: new Date().toISOString(),
      },
      { id: randomUUID(), source: '/inner-circle/test', time: new Date() },
    );
    await api.app.get(TransactionRunner).run((tx) =>
      api.app.get(OutboxRepository).add(tx, [
        {
          eventId: event.id,
          topic: Topics.tierChanges,
          key: tierChangeKey(businessId, customerId),
          payload: event as unknown as Record<string, unknown>,
        },
      ]),
    );
    return event.id;
  }

  it('refuses a connection without a key: nothing, not even introspection, runs', async () => {
    for (const params of [undefined, {}, { authorization: 'Bearer ic_nope' }, { authorization: 42 }]) {
      const anonymous = connect(undefined, params);
      expect(await anonymous.ready).toBe('closed');
      expect(anonymous.closed?.code).toBe(WS_CLOSE.forbidden);
      expect(anonymous.closed?.reason).not.toMatch(/Cannot read/);
      expect(anonymous.messages).toEqual([]);
    }
  });

  it('refuses a 1,000-alias introspection message from a caller without a key, and answers others meanwhile', async () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) => `a${i}: __schema { types { name fields { name args { name type { name } } } } }`,
    ).join(' ');
    const anonymous = openWs(wsUrl(api.url), undefined, { init: false });
    clients.push(anonymous);
    anonymous.socket.on('open', () => {
      anonymous.sendRaw(JSON.stringify({ type: 'connection_init' }));
      anonymous.subscribe('big', `{ ${aliases} }`);
    });
    expect(await anonymous.ready).toBe('closed');
    expect(anonymous.of('big')).toEqual([]);
    const { key } = await api.createBusiness('Light café');
    expect((await api.graphql('{ business { id } }', { key })).data).toBeDefined();
  });

  it('closes a socket that sends a message over WS_MAX_MESSAGE_BYTES (1009), before parsing it', async () => {
    const { key } = await api.createBusiness('Verbose café');
    const client = connect(key);
    expect(await client.ready).toBe('ack');
    client.subscribe('huge', `subscription { tierChanged { eventId } } # ${'x'.repeat(70_000)}`);
    await until(() => client.closed !== undefined, 'the socket to close');
    expect(client.closed?.code).toBe(1009);
    expect(client.of('huge')).toEqual([]);
  });

  it('refuses introspection and hides "did you mean" suggestions over the socket, as over HTTP', async () => {
    const { key } = await api.createBusiness('Introspected café');
    const client = connect(key);
    expect(await client.ready).toBe('ack');

    client.subscribe('schema', INTROSPECTION);
    const schemaErrors = errorsOf(await client.answer('schema'));
    expect(schemaErrors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(schemaErrors)).not.toMatch(/"Customer"|tierChanged/);

    client.subscribe('typo', '{ custmer(id: "x") { id } }');
    const typo = errorsOf(await client.answer('typo'));
    expect(typo[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo[0]?.message).not.toMatch(/Did you mean/);

    const overHttp = await api.graphql('{ custmer(id: "x") { id } }', { key });
    expect(overHttp.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('applies the same depth, alias and token limits as HTTP (200 aliases of a heavy page never run)', async () => {
    const { key } = await api.createBusiness('Heavy café');
    const client = connect(key);
    expect(await client.ready).toBe('ack');
    const heavy = Array.from(
      { length: 200 },
      (_, i) =>
        `c${i}: customers(first: 100) { edges { node { id scoreBreakdown { total } recentInteractions(limit: 50) { id } tierHistory(limit: 50) { occurredAt } } } }`,
    ).join(' ');
    client.subscribe('heavy', `{ ${heavy} }`);
    const errors = errorsOf(await client.answer('heavy'));
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

    const aliases = Array.from({ length: 20 }, (_, i) => `t${i}: tierChanged { eventId }`).join(' ');
    client.subscribe('aliases', `subscription { ${aliases} }`);
    const aliasErrors = errorsOf(await client.answer('aliases'));
    expect(aliasErrors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(aliasErrors[0]?.message).not.toMatch(/^Syntax Error/);

    client.sendRaw('{ this is not json');
    await until(() => client.closed !== undefined, 'the socket to close on a malformed message');
    expect(client.closed?.code).toBe(4400);
  });

  it('serves only subscriptions: a mutation (even a storable-looking one) never runs over the socket', async () => {
    const { key, businessId } = await api.createBusiness('Mutated café');
    const client = connect(key);
    expect(await client.ready).toBe('ack');
    client.subscribe(
      'nul',
      'mutation { createCustomer(input: { externalRef: "x", name: "a\\u0000b" }) { id } }',
    );
    const nul = errorsOf(await client.answer('nul'));
    expect(nul).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    expect(JSON.stringify(nul)).not.toMatch(/0x00|byte sequence/);
    client.subscribe('query', '{ business { id name } }');
    expect(errorsOf(await client.answer('query'))[0]?.extensions?.code).toBe('BAD_REQUEST');
    const customers = await api.graphql<{ customers: { totalCount: number } }>(
      '{ customers { totalCount } }',
      {
        key,
      },
    );
    expect(customers.data?.customers.totalCount).toBe(0);
    expect(businessId).toBeDefined();
  });

  it('masks execution errors with a code, and a missing scope is FORBIDDEN', async () => {
    const { key } = await api.createBusiness('Scoped café', []);
    const client = connect(key);
    expect(await client.ready).toBe('ack');
    client.subscribe('s', SUBSCRIPTION);
    const errors = errorsOf(await client.answer('s'));
    expect(errors[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('caps connections and subscriptions per key', async () => {
    const { key } = await api.createBusiness('Greedy café');
    const open = [connect(key), connect(key), connect(key)];
    for (const client of open) expect(await client.ready).toBe('ack');
    const fourth = connect(key);
    expect(await fourth.ready).toBe('closed');
    expect(fourth.closed?.code).toBe(WS_CLOSE.tooManyConnections);

    open[0].subscribe('1', SUBSCRIPTION);
    open[1].subscribe('2', SUBSCRIPTION);
    await until(() => api.app.get(GraphQLWsGate).stats().subscriptions >= 2, 'two subscriptions to run');
    open[2].subscribe('3', SUBSCRIPTION);
    const third = errorsOf(await open[2].answer('3'));
    expect(third[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });

    // A closed subscription frees its seat.
    open[0].complete('1');
    await until(() => api.app.get(GraphQLWsGate).stats().subscriptions <= 1, 'the seat to be freed');
    open[2].subscribe('4', SUBSCRIPTION);
    await until(() => api.app.get(GraphQLWsGate).stats().subscriptions >= 2, 'the freed seat to be taken');
    expect(open[2].of('4')).toEqual([]);
    for (const client of open) await client.close();
  });

  it('refuses 200 sockets without a key and keeps none of them', async () => {
    const before = api.app.get(GraphQLWsGate).stats().connections;
    const anonymous = Array.from({ length: 200 }, (_, i) => connect(undefined, i % 2 ? {} : undefined));
    const outcomes = await Promise.all(anonymous.map((client) => client.ready));
    expect(outcomes.every((outcome) => outcome === 'closed')).toBe(true);
    expect(anonymous.every((client) => client.closed?.code === WS_CLOSE.forbidden)).toBe(true);
    expect(api.app.get(GraphQLWsGate).stats().connections).toBe(before);
  });

  it('closes a socket within seconds of its key being revoked; it receives no more events', async () => {
    const { businessId, key } = await api.createBusiness('Revoked café');
    const client = connect(key);
    expect(await client.ready).toBe('ack');
    client.subscribe('feed', SUBSCRIPTION);
    await until(() => api.app.get(GraphQLWsGate).stats().subscriptions >= 1, 'the subscription to run');
    const before = await publishTierChange(businessId);
    await until(() => client.of('feed').length > 0, 'the event before revocation');
    expect(client.of('feed')[0]?.payload).toMatchObject({ data: { tierChanged: { eventId: before } } });

    const keyId = (await api.app.get(ApiKeysService).authenticate(key))!.apiKeyId;
    const revoked = await api.graphql<{ revokeApiKey: { revokedAt: string } }>(
      'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { key, variables: { id: keyId } },
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
    await until(() => client.closed !== undefined, 'the socket of the revoked key to close');
    expect(client.closed?.code).toBe(WS_CLOSE.forbidden);

    const received = client.of('feed').length;
    await publishTierChange(businessId);
    // The socket is closed: nothing more can arrive; a fresh connection with the key is refused.
    expect(client.of('feed')).toHaveLength(received);
    const again = connect(key);
    expect(await again.ready).toBe('closed');
  });
});

describe('graphql-ws gate: caps per process', () => {
  let api: ApiTestApp;
  const clients: WsTestClient[] = [];

  beforeAll(async () => {
    api = await startApiTestApp({ WS_MAX_CONNECTIONS: '2', WS_MAX_SUBSCRIPTIONS: '1' });
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await api.close();
  });

  it('refuses sockets and subscriptions beyond the totals, whatever the key', async () => {
    const first = await api.createBusiness('First café');
    const second = await api.createBusiness('Second café');
    const third = await api.createBusiness('Third café');
    const open = (key: string) => {
      const client = openWs(wsUrl(api.url), { authorization: `Bearer ${key}` });
      clients.push(client);
      return client;
    };
    const a = open(first.key);
    const b = open(second.key);
    expect(await a.ready).toBe('ack');
    expect(await b.ready).toBe('ack');
    const c = open(third.key);
    expect(await c.ready).toBe('closed');
    expect(c.closed?.code).toBe(WS_CLOSE.tooManyConnections);

    a.subscribe('1', SUBSCRIPTION);
    await until(() => api.app.get(GraphQLWsGate).stats().subscriptions === 1, 'the first subscription');
    b.subscribe('2', SUBSCRIPTION);
    expect(errorsOf(await b.answer('2'))[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
