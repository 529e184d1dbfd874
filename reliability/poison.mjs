// Poison: 1 % of N events can never be applied (malformed JSON, a payload the contract
// refuses, an unknown business, an amount the numeric(14,2) column refuses). Exactly those
// must reach the dead-letter topic, with their error headers; every other event is applied
// and the group's lag returns to 0.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createBusiness, generateInteractions } from '../bench/pipeline.mjs';
import { checkBusiness } from './lib/checks.mjs';
import { waitFor } from './lib/cluster.mjs';
import { interactionMessage, producePaced } from './lib/producer.mjs';
import { GROUP } from './delivery.mjs';

const require = createRequire(import.meta.url);
const { DeadLetterHeaders, Topics } = require('@inner-circle/contracts');

export const poisonProfiles = {
  full: { events: 100_000, customers: 5_000, perSecond: 5_000 },
  trimmed: { events: 5_000, customers: 500, perSecond: 2_000 },
};

const KINDS = ['malformed-json', 'invalid-payload', 'unknown-business', 'refused-by-database'];

export async function runPoison(cluster, databaseUrl, profile, { log, random }) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const businessId = await createBusiness(client, 'Poison bistro');
  await client.end();

  const list = generateInteractions({
    events: profile.events,
    customers: profile.customers,
    prefix: 'p',
    seed: 11,
  });
  const goodIds = new Set();
  const poisonKeys = new Map(); // key → kind
  const messages = list.map((item, i) => {
    if (random() >= 0.01) {
      goodIds.add(item.interaction.id);
      return interactionMessage(businessId, item);
    }
    const kind = KINDS[i % KINDS.length];
    const key = `${businessId}:poison-${i}`;
    poisonKeys.set(key, kind);
    const valid = JSON.parse(interactionMessage(businessId, item).value);
    switch (kind) {
      case 'malformed-json':
        return { key, value: '{"specversion":"1.0", "id": ' };
      case 'invalid-payload':
        return {
          key,
          value: JSON.stringify({ ...valid, data: { ...valid.data, interaction: { id: 'x' } } }),
        };
      case 'unknown-business':
        return {
          key,
          value: JSON.stringify({ ...valid, data: { ...valid.data, businessId: randomUUID() } }),
        };
      default: {
        const interaction = { ...valid.data.interaction, type: 'PURCHASE', amount: 1e13, currency: 'EUR' };
        delete interaction.rating;
        return { key, value: JSON.stringify({ ...valid, data: { ...valid.data, interaction } }) };
      }
    }
  });
  const dlqStart = new Map(
    (await cluster.admin.fetchTopicOffsets(Topics.interactionsDeadLetter)).map((p) => [
      p.partition,
      BigInt(p.high),
    ]),
  );
  log(`poison: ${profile.events} events, ${poisonKeys.size} poison (${KINDS.join(', ')})`);
  const producing = await producePaced(cluster, messages, { perSecond: profile.perSecond, chunk: 500 });
  await producing.finished;
  await waitFor(
    async () => {
      const lag = await cluster.lag(GROUP, Topics.interactions).catch(() => null);
      return lag && lag.every((p) => p.lag === 0) ? true : undefined;
    },
    'the consumer lag to return to 0',
    10 * 60_000,
    500,
  );

  const parked = new Map();
  let deadLetterDeliveries = 0;
  let missingHeaders = 0;
  for (const message of await cluster.readTopic(Topics.interactionsDeadLetter, dlqStart)) {
    const key = message.key?.toString() ?? '';
    deadLetterDeliveries += 1;
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]),
    );
    if (
      !headers[DeadLetterHeaders.errorClass] ||
      !headers[DeadLetterHeaders.errorMessage] ||
      headers[DeadLetterHeaders.originalTopic] !== Topics.interactions ||
      !/^\d+$/.test(headers[DeadLetterHeaders.originalOffset] ?? '') ||
      !headers[DeadLetterHeaders.failedAt]
    )
      missingHeaders += 1;
    parked.set(key, headers[DeadLetterHeaders.errorClass]);
  }
  const violations = [];
  const notParked = [...poisonKeys.keys()].filter((key) => !parked.has(key));
  const wronglyParked = [...parked.keys()].filter((key) => !poisonKeys.has(key));
  if (notParked.length) violations.push(`${notParked.length} poison messages not dead-lettered`);
  if (wronglyParked.length) violations.push(`${wronglyParked.length} good messages dead-lettered`);
  if (missingHeaders) violations.push(`${missingHeaders} dead letters without their error headers`);
  const errorClasses = {};
  for (const errorClass of parked.values()) errorClasses[errorClass] = (errorClasses[errorClass] ?? 0) + 1;

  const checked = await checkBusiness(cluster, databaseUrl, businessId, goodIds);
  return {
    figures: {
      events: profile.events,
      poisonSent: poisonKeys.size,
      deadLettered: [...parked.keys()].filter((key) => poisonKeys.has(key)).length,
      deadLetterDeliveries,
      goodDeadLettered: wronglyParked.length,
      errorClasses,
      goodApplied: checked.figures.interactionsApplied,
      goodLost: checked.figures.lost,
      scoreMismatches: checked.figures.scoreMismatches,
      lagAtEnd: 0,
    },
    violations: [...violations, ...checked.violations],
  };
}
