import { ConfigError, loadConfig } from './load-config';

function problemsOf(env: Record<string, string>): ConfigError['problems'] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to reject the environment');
}

describe('loadConfig', () => {
  it('selects the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, workerPort: 3001 });
    expect(config.database.url).toBeUndefined();
    expect(config.kafka).toBeUndefined();
    expect(config.events).toEqual({
      consumerGroup: 'inner-circle-worker',
      partitions: 6,
      logRetentionMs: 7 * 24 * 3600 * 1000,
    });
    expect(config.graphql.introspection).toBe(true);
  });

  it('reads full mode and keeps introspection off by default there', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/ic',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      PORT: '8080',
    });
    expect(config.database.url).toBe('postgres://u:p@db:5432/ic');
    expect(config.kafka?.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.http.port).toBe(8080);
    expect(config.graphql.introspection).toBe(false);
  });

  it.each([
    ['PORT', 'eighty', /port/],
    ['PORT', '70000', /between 1 and 65535/],
    ['DATABASE_URL', 'mysql://x@y/z', /postgres:\/\//],
    ['KAFKA_BROKERS', 'localhost', /host:port/],
    ['LOG_LEVEL', 'loud', /expected one of/i],
    ['GRAPHQL_INTROSPECTION', 'maybe', /true or false/],
  ])('names %s when it is %p', (variable, value, message) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toEqual([{ variable, message: expect.stringMatching(message) }]);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: '0', WORKER_PORT: 'x' });
    expect(problems.map((p) => p.variable).sort()).toEqual(['PORT', 'WORKER_PORT']);
  });

  it('never echoes a secret value back', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres-ish:hunter2' });
    expect(problems[0].message).not.toContain('hunter2');
  });

  it('names the variables an entry point requires, alongside invalid ones', () => {
    expect(() =>
      loadConfig(
        { PORT: 'x', KAFKA_BROKERS: '' },
        { required: ['DATABASE_URL', 'KAFKA_BROKERS'], requiredBy: 'the test' },
      ),
    ).toThrow(
      expect.objectContaining({
        problems: [
          { variable: 'DATABASE_URL', message: 'required by the test (not set)' },
          { variable: 'KAFKA_BROKERS', message: 'required by the test (not set)' },
          { variable: 'PORT', message: expect.stringMatching(/port/) },
        ],
      }),
    );
  });

  it('joins the consumer group with a 10 s session by default, and each setting can be changed', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092' }).kafka?.group).toEqual({
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1000,
      rebalanceTimeoutMs: 15_000,
    });
    const tuned = loadConfig({
      KAFKA_BROKERS: 'k:9092',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
      KAFKA_REBALANCE_TIMEOUT_MS: '9000',
    });
    expect(tuned.kafka?.group).toEqual({
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 9000,
    });
  });

  it('refuses a heartbeat too slow for the session', () => {
    expect(problemsOf({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000' })).toEqual([
      {
        variable: 'KAFKA_HEARTBEAT_INTERVAL_MS',
        message: expect.stringMatching(/a third of KAFKA_SESSION_TIMEOUT_MS/),
      },
    ]);
    expect(problemsOf({ KAFKA_SESSION_TIMEOUT_MS: '10s' })).toEqual([
      { variable: 'KAFKA_SESSION_TIMEOUT_MS', message: expect.stringMatching(/milliseconds/) },
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });

  it('caps heavy work in total at half the pool unless told otherwise', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '20' }).fairShare.heavyConcurrencyTotal).toBe(10);
    expect(loadConfig({ HEAVY_CONCURRENCY_TOTAL: '3' }).fairShare.heavyConcurrencyTotal).toBe(3);
    expect(loadConfig({}).subscriptions).toMatchObject({ maxConnectionsPerKey: 20, subscriberQueue: 100 });
  });

  it.each(['WS_MAX_CONNECTIONS', 'HEAVY_RATE_LIMIT', 'WS_SUBSCRIBER_QUEUE'])(
    'names %s when it is not a count',
    (variable) => {
      expect(problemsOf({ [variable]: '0' })).toEqual([
        { variable, message: expect.stringMatching(/between/) },
      ]);
    },
  );
});
