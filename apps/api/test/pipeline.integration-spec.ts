import { waitFor } from '@inner-circle/dev-services/wait-for';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@inner-circle/config';
import { parseEvent, TIER_CHANGED_V1, Topics } from '@inner-circle/contracts';
import { KafkaTransport } from '@inner-circle/messaging';
import { WorkerAppModule } from '@inner-circle/worker-runtime';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const SET_LADDER = `mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }`;
const RECORD = `mutation ($input: InteractionInput!) { recordInteraction(input: $input) { id } }`;
const CUSTOMER = `query($ref: String!) { customerByExternalRef(externalRef: $ref) { score tier { name } } }`;

/**
 * The whole path on real parts: GraphQL mutation → Kafka → a separate worker (score, tier
 * decision, outbox) → relay → tier-change topic → the api's feed → graphql-ws subscriber.
 */
describe('an interaction recorded through GraphQL raises a tier, end to end on real Kafka', () => {
  const brokers = process.env.TEST_KAFKA_BROKERS!;
  let api: ApiTestApp;
  let worker: NestFastifyApplication;
  let client: Client;

  beforeAll(async () => {
    const group = `e2e-${randomUUID()}`;
    api = await startApiTestApp({ KAFKA_BROKERS: brokers, KAFKA_CONSUMER_GROUP: group });
    const config = loadConfig({
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      KAFKA_BROKERS: brokers,
      KAFKA_CONSUMER_GROUP: group,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        WorkerAppModule.forRoot({ ...config, database: { ...config.database, url: config.database.url! } }),
      ],
    }).compile();
    worker = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await worker.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await client?.dispose();
    await worker?.close();
    await api?.close();
  });

  it('is visible in GraphQL, on the tier-change topic and through the subscription', async () => {
    const { businessId, key } = await api.createBusiness('End to end café');
    const ladder = await api.graphql(SET_LADDER, {
      key,
      variables: {
        input: {
          timeZone: 'UTC',
          tiers: [
            { name: 'Regulars', rank: 1, entryScore: 1, retainScore: 0.5, graceDays: 0 },
            { name: 'Friends', rank: 2, entryScore: 1000, retainScore: 800, graceDays: 0 },
          ],
        },
      },
    });
    expect(ladder.errors).toBeUndefined();

    const received: {
      tierChanged: { customerExternalRef: string; direction: string; newTier: { name: string } };
    }[] = [];
    client = createClient({
      url: `${api.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      retryAttempts: 0,
    });
    client.subscribe(
      { query: 'subscription { tierChanged { customerExternalRef direction newTier { name } } }' },
      {
        next: (value) => void received.push(value.data as never),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // The api's feed joins its own consumer group at the topic's end; give the join a moment.
    await new Promise((resolve) => setTimeout(resolve, 4000));

    const recorded = await api.graphql(RECORD, {
      key,
      variables: {
        input: { id: 'visit-1', customerExternalRef: 'eve', type: 'PURCHASE', amount: 25, currency: 'EUR' },
      },
    });
    expect(recorded.errors).toBeUndefined();

    const viaGraphQL = await waitFor(
      async () => {
        const response = await api.graphql<{
          customerByExternalRef: { score: number; tier: { name: string } | null };
        }>(CUSTOMER, { key, variables: { ref: 'eve' } });
        return response.data?.customerByExternalRef?.tier ? response.data.customerByExternalRef : undefined;
      },
      'the customer to reach a tier',
      45_000,
    );
    expect(viaGraphQL.tier?.name).toBe('Regulars');
    expect(viaGraphQL.score).toBeGreaterThan(1);

    const viaSubscription = await waitFor(
      () => Promise.resolve(received.find((r) => r.tierChanged.customerExternalRef === 'eve')),
      'the subscription to deliver the change',
      45_000,
    );
    expect(viaSubscription.tierChanged).toEqual({
      customerExternalRef: 'eve',
      direction: 'UP',
      newTier: { name: 'Regulars' },
    });

    const reader = new KafkaTransport({ brokers: brokers.split(','), clientId: 'e2e-topic-reader' });
    await reader.connect();
    const onTopic: string[] = [];
    const consumer = reader.createConsumer({
      groupId: `e2e-reader-${randomUUID()}`,
      topics: [Topics.tierChanges],
      fromBeginning: true,
    });
    await consumer.run((batch) => {
      for (const message of batch.messages) {
        const parsed = parseEvent(message.value, TIER_CHANGED_V1);
        if (parsed.ok && parsed.event.data.businessId === businessId)
          onTopic.push(parsed.event.data.newTier?.name ?? '');
      }
      return Promise.resolve();
    });
    try {
      await waitFor(
        () => Promise.resolve(onTopic.length ? true : undefined),
        'the event on the tier-change topic',
        45_000,
      );
    } finally {
      await consumer.stop();
      await reader.disconnect();
    }
    expect(onTopic).toEqual(['Regulars']);
  });
});
