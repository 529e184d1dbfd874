import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(1, 'expected a port between 1 and 65535')
  .max(65535, 'expected a port between 1 and 65535');

const postgresUrl = z
  .url({ error: 'expected a URL such as postgres://user:password@host:5432/database' })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'expected a postgres:// or postgresql:// URL');

const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[\w.-]+:\d{1,5}$/, 'expected host:port'))
      .min(1, 'expected at least one broker as host:port[,host:port]'),
  );

function milliseconds(min: number, max: number) {
  return z.coerce
    .number({ error: 'expected a duration in milliseconds' })
    .int('expected a whole number of milliseconds')
    .min(min, `expected at least ${min} ms`)
    .max(max, `expected at most ${max} ms`);
}

const count = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `expected a number between ${min} and ${max}`)
    .max(max, `expected a number between ${min} and ${max}`);

/**
 * Every environment variable the api and the worker read. Unset optional variables
 * select the embedded defaults: no DATABASE_URL starts an embedded PostgreSQL, no
 * KAFKA_BROKERS joins api and worker in one process over an event log in PostgreSQL.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    WORKER_PORT: port.default(3001),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_DATA_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: port.default(54329),
    KAFKA_BROKERS: brokerList.optional(),
    KAFKA_CLIENT_ID: z.string().min(1).default('inner-circle'),
    KAFKA_CONSUMER_GROUP: z.string().min(1).default('inner-circle-worker'),
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
    KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
    // A killed worker's partitions wait for its session to expire: 10 s, not kafkajs' 30 s. The
    // broker must allow it (group.min.session.timeout.ms, 6 s by default).
    KAFKA_SESSION_TIMEOUT_MS: milliseconds(1000, 300_000).default(10_000),
    KAFKA_HEARTBEAT_INTERVAL_MS: milliseconds(100, 100_000).default(1000),
    // How long the coordinator waits for members to rejoin a rebalance (a member killed mid-rebalance costs this).
    KAFKA_REBALANCE_TIMEOUT_MS: milliseconds(1000, 600_000).default(15_000),
    EVENT_LOG_RETENTION_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 365)
      .default(168),
    GRAPHQL_INTROSPECTION: booleanFlag.optional(),
    DEMO_SEED: booleanFlag.default(true),
    WS_MAX_CONNECTIONS: count(1, 1_000_000).default(1000),
    WS_MAX_CONNECTIONS_PER_KEY: count(1, 100_000).default(20),
    WS_MAX_SUBSCRIPTIONS: count(1, 10_000_000).default(5000),
    WS_MAX_SUBSCRIPTIONS_PER_KEY: count(1, 100_000).default(50),
    WS_SUBSCRIBER_QUEUE: count(1, 100_000).default(100),
    WS_KEY_RECHECK_SECONDS: count(1, 3600).default(5),
    WS_MAX_MESSAGE_BYTES: count(1024, 100 * 1024 * 1024).default(65_536),
    HEAVY_RATE_LIMIT: count(1, 1_000_000).default(120),
    HEAVY_RATE_WINDOW_SECONDS: count(1, 86_400).default(60),
    HEAVY_CONCURRENCY_PER_KEY: count(1, 1000).default(2),
    HEAVY_CONCURRENCY_TOTAL: count(1, 1000).optional(),
  })
  .superRefine((raw, context) => {
    // kafkajs and the broker expect a few heartbeats per session: one lost packet must not evict a live worker.
    if (raw.KAFKA_HEARTBEAT_INTERVAL_MS * 3 > raw.KAFKA_SESSION_TIMEOUT_MS)
      context.addIssue({
        code: 'custom',
        path: ['KAFKA_HEARTBEAT_INTERVAL_MS'],
        message: `expected at most a third of KAFKA_SESSION_TIMEOUT_MS (${raw.KAFKA_SESSION_TIMEOUT_MS} ms)`,
      });
  });

export type RawConfig = z.infer<typeof configSchema>;

/** Variables whose values must never reach a log line. */
export const SECRET_VARIABLES: ReadonlySet<keyof RawConfig> = new Set(['DATABASE_URL']);
