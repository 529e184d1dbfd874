import { configSchema, SECRET_VARIABLES, type RawConfig } from './config.schema.js';

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  http: { host: string; port: number; workerPort: number };
  log: { level: RawConfig['LOG_LEVEL']; pretty: boolean };
  database: { url: string | undefined; poolSize: number; embedded: { dataDir: string; port: number } };
  kafka:
    | {
        brokers: string[];
        clientId: string;
        partitionsConcurrency: number;
        /** Consumer group membership: how fast a dead member is noticed and a rebalance completes. */
        group: { sessionTimeoutMs: number; heartbeatIntervalMs: number; rebalanceTimeoutMs: number };
      }
    | undefined;
  /**
   * Consumer group and topic partitions: the same whether events flow through Kafka or the
   * PostgreSQL event log; `logRetentionMs` is how long the log keeps what no group needs.
   */
  events: { consumerGroup: string; partitions: number; logRetentionMs: number };
  graphql: { introspection: boolean };
  demoSeed: boolean;
  /** graphql-ws: caps per API key and per process, and each subscriber's bounded queue. */
  subscriptions: {
    maxConnections: number;
    maxConnectionsPerKey: number;
    maxSubscriptions: number;
    maxSubscriptionsPerKey: number;
    subscriberQueue: number;
    keyRecheckSeconds: number;
    maxMessageBytes: number;
  };
  /** Heavy operations (imports, batches, simulations): a rate and a concurrency per API key. */
  fairShare: {
    heavyRateLimit: number;
    heavyRateWindowSeconds: number;
    heavyConcurrencyPerKey: number;
    heavyConcurrencyTotal: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Optional variables that one entry point (the standalone worker, the CLI) cannot run without. */
export interface Requirements {
  required: readonly (keyof RawConfig)[];
  /** Who needs them, for the message: "required by the standalone worker". */
  requiredBy: string;
}

/** Validates the environment once at boot; every bad variable is named in one error. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  requirements?: Requirements,
): AppConfig {
  // An empty value is the shell's way of leaving a variable unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(present);
  const missing = (requirements?.required ?? [])
    .filter((variable) => present[variable] === undefined)
    .map((variable) => ({ variable, message: `required by ${requirements!.requiredBy} (not set)` }));
  if (!parsed.success || missing.length) {
    const invalid = parsed.success ? [] : parsed.error.issues;
    throw new ConfigError([
      ...missing,
      ...invalid.map((issue) => {
        const variable = String(issue.path[0] ?? '(environment)');
        const received = SECRET_VARIABLES.has(variable as keyof RawConfig)
          ? ''
          : describeValue(env[variable]);
        return { variable, message: `${issue.message}${received}` };
      }),
    ]);
  }
  const raw = parsed.data;
  return {
    env: raw.NODE_ENV,
    http: { host: raw.HOST, port: raw.PORT, workerPort: raw.WORKER_PORT },
    log: {
      level: raw.LOG_LEVEL,
      pretty: (raw.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty',
    },
    database: {
      url: raw.DATABASE_URL,
      poolSize: raw.DATABASE_POOL_SIZE,
      embedded: { dataDir: raw.EMBEDDED_DATA_DIR, port: raw.EMBEDDED_PG_PORT },
    },
    kafka: raw.KAFKA_BROKERS
      ? {
          brokers: raw.KAFKA_BROKERS,
          clientId: raw.KAFKA_CLIENT_ID,
          partitionsConcurrency: raw.KAFKA_PARTITIONS_CONCURRENCY,
          group: {
            sessionTimeoutMs: raw.KAFKA_SESSION_TIMEOUT_MS,
            heartbeatIntervalMs: raw.KAFKA_HEARTBEAT_INTERVAL_MS,
            rebalanceTimeoutMs: raw.KAFKA_REBALANCE_TIMEOUT_MS,
          },
        }
      : undefined,
    events: {
      consumerGroup: raw.KAFKA_CONSUMER_GROUP,
      partitions: raw.KAFKA_TOPIC_PARTITIONS,
      logRetentionMs: raw.EVENT_LOG_RETENTION_HOURS * 3600 * 1000,
    },
    // The embedded demo is a local playground, so its GraphiQL can explore the schema.
    graphql: { introspection: raw.GRAPHQL_INTROSPECTION ?? raw.DATABASE_URL === undefined },
    demoSeed: raw.DEMO_SEED,
    subscriptions: {
      maxConnections: raw.WS_MAX_CONNECTIONS,
      maxConnectionsPerKey: raw.WS_MAX_CONNECTIONS_PER_KEY,
      maxSubscriptions: raw.WS_MAX_SUBSCRIPTIONS,
      maxSubscriptionsPerKey: raw.WS_MAX_SUBSCRIPTIONS_PER_KEY,
      subscriberQueue: raw.WS_SUBSCRIBER_QUEUE,
      keyRecheckSeconds: raw.WS_KEY_RECHECK_SECONDS,
      maxMessageBytes: raw.WS_MAX_MESSAGE_BYTES,
    },
    fairShare: {
      heavyRateLimit: raw.HEAVY_RATE_LIMIT,
      heavyRateWindowSeconds: raw.HEAVY_RATE_WINDOW_SECONDS,
      heavyConcurrencyPerKey: raw.HEAVY_CONCURRENCY_PER_KEY,
      // Heavy work together may hold at most half the pool: light queries always find a connection.
      heavyConcurrencyTotal:
        raw.HEAVY_CONCURRENCY_TOTAL ?? Math.max(1, Math.floor(raw.DATABASE_POOL_SIZE / 2)),
    },
  };
}

function describeValue(value: string | undefined): string {
  return value === undefined ? ' (not set)' : ` (got "${value}")`;
}
