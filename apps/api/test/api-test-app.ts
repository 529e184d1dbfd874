import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@inner-circle/config';
import type { Clock } from '@inner-circle/nest-runtime';
import { BusinessRepository } from '@inner-circle/persistence';
import { ALL_SCOPES, type ApiKeyScope } from '../src/auth/api-key-scope';
import { ApiKeysService } from '../src/auth/api-keys.service';
import { createApiApp } from '../src/create-api-app';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[];
}

export interface ApiTestApp {
  app: NestFastifyApplication;
  url: string;
  graphql<T = Record<string, unknown>>(
    query: string,
    options?: { key?: string; variables?: Record<string, unknown> },
  ): Promise<GraphQLResponse<T>>;
  createBusiness(name?: string, scopes?: ApiKeyScope[]): Promise<{ businessId: string; key: string }>;
  close(): Promise<void>;
}

export interface ApiTestAppOptions {
  /**
   * Run the embedded worker (consumer, sweeps, outbox relay) as `npm start` does; default true without Kafka.
   * Tests that count SQL statements turn it off: the sweep's timer would add statements of its own.
   */
  embeddedWorker?: boolean;
  /** Receives the api's log lines instead of stdout. */
  logDestination?: { write(line: string): void };
  /** What the api (and its embedded worker) take as now: a test that moves time gives a `ManualClock`. */
  clock?: Clock;
}

/** The real api over HTTP on a loopback port, on the run's real PostgreSQL. */
export async function startApiTestApp(
  env: Record<string, string> = {},
  { embeddedWorker = true, logDestination, clock }: ApiTestAppOptions = {},
): Promise<ApiTestApp> {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set: run through jest (global setup)');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    // Suites drive heavy operations hard with one key; fair share has its own spec.
    HEAVY_RATE_LIMIT: '100000',
    HEAVY_CONCURRENCY_PER_KEY: '100',
    HEAVY_CONCURRENCY_TOTAL: '100',
    ...env,
  });
  const app = await createApiApp(config, {
    databaseUrl,
    runWorker: embeddedWorker && !config.kafka,
    seedDemo: false,
    logDestination,
    clock,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();

  return {
    app,
    url,
    async graphql(query, { key, variables } = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async createBusiness(name = 'Test café', scopes = ALL_SCOPES) {
      const business = await app.get(BusinessRepository).create({ name });
      const key = await app.get(ApiKeysService).issue(business.id, 'test', scopes);
      return { businessId: business.id, key: key.plaintext };
    },
    close: () => app.close(),
  };
}
