// API baseline: the smallest reasonable server for the same GraphQL subset — Fastify + Mercurius
// with graphql-jit, raw `pg`, DataLoader — running the same SQL as the api does for these
// operations (API-key lookup + coarse last-used touch, the customer row(s), the business's
// scoring settings, the tiers by id) and the same score decay from @inner-circle/domain.
// Started as a child process by bench/api.mjs: env DATABASE_URL, KAFKA_BROKERS, PORT.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import DataLoader from 'dataloader';
import pg from 'pg';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

const require = createRequire(import.meta.url);
const { resolveScoringSettings, scoreAt } = require('@inner-circle/domain');
const { buildInteractionRecordedV1Event, interactionKey, Topics } = require('@inner-circle/contracts');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const kafka = new Kafka({
  clientId: 'bench-baseline',
  brokers: process.env.KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer({
  createPartitioner: Partitioners.DefaultPartitioner,
  allowAutoTopicCreation: false,
});
await producer.connect();

const schema = `
  enum SortDirection { ASC DESC }
  enum CustomerSortField { SCORE JOINED_AT LAST_INTERACTION_AT }
  enum InteractionType { CAMPAIGN_REDEMPTION FEEDBACK PURCHASE REFERRAL VISIT }
  input CustomerSortInput { field: CustomerSortField!, direction: SortDirection! = DESC }
  input InteractionInput {
    id: String!, customerExternalRef: String!, type: InteractionType!, occurredAt: String,
    amount: Float, currency: String, rating: Int, comment: String, referredCustomerRef: String, campaignId: String
  }
  type Tier { id: ID!, name: String!, rank: Int!, entryScore: Float! }
  type Customer { id: ID!, externalRef: String!, score: Float!, tier: Tier }
  type CustomerEdge { cursor: String!, node: Customer! }
  type CustomerConnection { edges: [CustomerEdge!]! }
  type RecordInteractionResult { id: ID! }
  type Query {
    customer(id: ID!): Customer!
    customers(first: Int! = 20, after: String, sort: CustomerSortInput): CustomerConnection!
  }
  type Mutation { recordInteraction(input: InteractionInput!): RecordInteractionResult! }
`;

const CUSTOMER_COLUMNS = `c.id, c.business_id, c.external_ref, c.name, c.email, c.marketing_consent, c.score, c.score_as_of,
  c.score_state, c.tier_id, c.tier_since, c.grace_until, c.waitlisted_for_tier_id, c.qualified_at, c.lock_tier_id,
  c.lock_until, c.lock_reason, c.joined_at, c.last_interaction_at, c.erased_at`;
const KEY_PATTERN = /^ic_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

async function authenticate(header) {
  const match = KEY_PATTERN.exec((header ?? '').replace(/^Bearer\s+/i, ''));
  if (!match) return null;
  const { rows } = await pool.query(
    'SELECT id, business_id, secret_hash, scopes FROM api_keys WHERE lookup_prefix = $1 AND revoked_at IS NULL LIMIT 1',
    [match[1]],
  );
  const row = rows[0];
  const hash = createHash('sha256').update(match[2]).digest();
  if (!row || row.secret_hash.length !== hash.length || !timingSafeEqual(row.secret_hash, hash)) return null;
  const now = new Date();
  await pool.query(
    `UPDATE api_keys SET last_used_at = $2
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [row.id, now],
  );
  return { businessId: row.business_id, apiKeyId: row.id };
}

function loadersFor(businessId) {
  return {
    settings: new DataLoader(async (ids) => {
      const { rows } = await pool.query(
        'SELECT id, time_zone, scoring_settings FROM businesses WHERE id = ANY($1::uuid[])',
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, resolveScoringSettings(r.scoring_settings, r.time_zone)]));
      return ids.map((id) => byId.get(id) ?? new Error('missing business'));
    }),
    tiers: new DataLoader(async (ids) => {
      const { rows } = await pool.query(
        'SELECT * FROM tiers WHERE business_id = $1 AND id = ANY($2::uuid[])',
        [businessId, ids],
      );
      const byId = new Map(
        rows.map((r) => [r.id, { id: r.id, name: r.name, rank: r.rank, entryScore: r.entry_score }]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

const resolvers = {
  Query: {
    async customer(_, { id }, { caller }) {
      const { rows } = await pool.query(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.business_id = $1 AND c.id = $2`,
        [caller.businessId, id],
      );
      if (!rows[0]) throw new mercurius.ErrorWithProps('Customer not found', { code: 'NOT_FOUND' });
      return rows[0];
    },
    async customers(_, { first, sort }, { caller }) {
      const descending = (sort?.direction ?? 'DESC') === 'DESC';
      const direction = descending ? 'DESC' : 'ASC';
      // SCORE orders by the rank key, as ours does (the index on score was replaced by score_key's).
      const expression = sort?.field === 'SCORE' ? 'c.score_key' : 'c.joined_at';
      const { rows } = await pool.query(
        `SELECT ${CUSTOMER_COLUMNS}, (${expression})::text AS sort_key FROM customers c
          WHERE c.business_id = $1 AND c.erased_at IS NULL
          ORDER BY ${expression} ${direction}, c.id ${direction} LIMIT $2`,
        [caller.businessId, first + 1],
      );
      return {
        edges: rows.slice(0, first).map((row) => ({
          cursor: Buffer.from(`${row.sort_key}|${row.id}`).toString('base64url'),
          node: row,
        })),
      };
    },
  },
  Mutation: {
    async recordInteraction(_, { input }, { caller }) {
      if (!input.id || input.id.length > 200)
        throw new mercurius.ErrorWithProps('bad id', { code: 'BAD_USER_INPUT' });
      const now = new Date();
      const payload = {
        businessId: caller.businessId,
        customerRef: input.customerExternalRef,
        interaction: {
          id: input.id,
          type: input.type,
          occurredAt: input.occurredAt ?? now.toISOString(),
          ...(input.amount != null ? { amount: input.amount, currency: input.currency } : {}),
          ...(input.rating != null ? { rating: input.rating } : {}),
        },
      };
      const event = buildInteractionRecordedV1Event(payload, {
        id: randomUUID(),
        time: now,
        source: '/bench/baseline',
      });
      await producer.send({
        topic: Topics.interactions,
        messages: [
          { key: interactionKey(payload.businessId, payload.customerRef), value: JSON.stringify(event) },
        ],
      });
      return { id: input.id };
    },
  },
  Customer: {
    externalRef: (c) => c.external_ref,
    async score(c, _, { caller, loaders }) {
      if (!c.score_state) return 0;
      return scoreAt(c.score_state, new Date(), await loaders.settings.load(caller.businessId));
    },
    tier: (c, _, { loaders }) => (c.tier_id ? loaders.tiers.load(c.tier_id) : null),
  },
};

const app = Fastify({ logger: false });
app.register(mercurius, {
  schema,
  resolvers,
  jit: 1,
  graphiql: false,
  context: async (request) => {
    const caller = await authenticate(request.headers.authorization);
    if (!caller) throw new mercurius.ErrorWithProps('Unauthorized', { code: 'UNAUTHENTICATED' }, 401);
    return { caller, loaders: loadersFor(caller.businessId) };
  },
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const shutdown = async () => {
  await app.close();
  await producer.disconnect().catch(() => undefined);
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
