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

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });
});
