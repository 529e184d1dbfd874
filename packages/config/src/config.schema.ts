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

/**
 * Every environment variable the api and the worker read. Unset optional variables
 * select the embedded defaults: no DATABASE_URL starts an embedded PostgreSQL, no
 * KAFKA_BROKERS joins api and worker in one process over an event log in PostgreSQL.
 */
export const configSchema = z.object({
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
  EVENT_LOG_RETENTION_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .default(168),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  DEMO_SEED: booleanFlag.default(true),
});

export type RawConfig = z.infer<typeof configSchema>;

/** Variables whose values must never reach a log line. */
export const SECRET_VARIABLES: ReadonlySet<keyof RawConfig> = new Set(['DATABASE_URL']);
