import { randomUUID } from 'node:crypto';
import { buildTierChangedV1Event, TierChangeDirection, tierChangeKey, Topics } from '@inner-circle/contracts';
import { OutboxRepository, TransactionRunner } from '@inner-circle/persistence';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const SUBSCRIPTION =
  'subscription { tierChanged { eventId customerId direction reason newTier { name rank } } }';

interface Received {
  data?: {
    tierChanged: { eventId: string; customerId: string; direction: string; newTier: { name: string } };
  };
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('tierChanged subscription over graphql-ws', () => {
  let api: ApiTestApp;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startApiTestApp();
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await api.close();
  });

  function subscribe(key: string | undefined): Received[] {
    const client = createClient({
      url: `${api.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
      retryAttempts: 0,
    });
    clients.push(client);
    const received: Received[] = [];
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (value) => void received.push(value as Received),
        error: (error) =>
          void received.push({
            errors: Array.isArray(error)
              ? error
              : [{ message: `closed with ${(error as { code?: number }).code ?? 'no code'}` }],
          }),
        complete: () => undefined,
      },
    );
    return received;
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('delivers a business’s tier changes to its own subscribers only, fed from the tier-change topic', async () => {
    const owner = await api.createBusiness('Subscribed café', [ApiKeyScope.CustomersRead]);
    const other = await api.createBusiness('Other café', [ApiKeyScope.CustomersRead]);
    const mine = subscribe(owner.key);
    const theirs = subscribe(other.key);
    // Let both subscriptions reach the server before the event is written.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const customerId = randomUUID();
    const event = buildTierChangedV1Event(
      {
        businessId: owner.businessId,
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
    // The production path: an outbox row, published by the relay, read back by the feed.
    const transactions = api.app.get(TransactionRunner);
    await transactions.run((tx) =>
      api.app.get(OutboxRepository).add(tx, [
        {
          eventId: event.id,
          topic: Topics.tierChanges,
          key: tierChangeKey(owner.businessId, customerId),
          payload: event as unknown as Record<string, unknown>,
        },
      ]),
    );

    await until(() => mine.length > 0, 'the owner’s subscription to receive the change');
    expect(mine[0]?.data?.tierChanged).toMatchObject({
      eventId: event.id,
      customerId,
      direction: 'UP',
      newTier: { name: 'Regulars' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs).toEqual([]);
  });

  it('refuses a connection without a valid key (closed with 4403 before any operation)', async () => {
    const anonymous = subscribe(undefined);
    await until(() => anonymous.length > 0, 'the refusal');
    expect(anonymous[0]?.errors?.[0]?.message).toBe('closed with 4403');
  });
});
