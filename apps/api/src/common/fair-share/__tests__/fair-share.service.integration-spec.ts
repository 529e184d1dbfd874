import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@inner-circle/config';
import { createDataSource, RateLimitStore } from '@inner-circle/persistence';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { FairShareService } from '../fair-share.service';

// The rate is counted in PostgreSQL: a real one (the api's test database, migrated).
let dataSource: DataSource;
beforeAll(async () => {
  dataSource = createDataSource({ url: process.env.TEST_DATABASE_URL!, poolSize: 2 });
  await dataSource.initialize();
});
afterAll(() => dataSource.destroy());

function service(fairShare: Partial<AppConfig['fairShare']>): FairShareService {
  return new FairShareService(
    {
      fairShare: {
        heavyRateLimit: 1000,
        heavyRateWindowSeconds: 60,
        heavyConcurrencyPerKey: 2,
        heavyConcurrencyTotal: 3,
        ...fairShare,
      },
    } as AppConfig,
    new RateLimitStore(dataSource),
  );
}

// Counts outlive a test in the shared table: every test uses keys of its own.
const key = (name: string) => `${name}-${randomUUID()}`;

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphQLError)) throw new Error('expected a GraphQL refusal');
  return error;
}

describe('FairShareService', () => {
  it('lets a key run at most its share at once, and frees the seat when one ends', async () => {
    const fairShare = service({ heavyConcurrencyPerKey: 2 });
    const a = key('a');
    const first = await fairShare.acquire(a);
    await fairShare.acquire(a);
    const refused = await refusal(fairShare.acquire(a));
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    first();
    first(); // releasing twice gives back one seat only
    await fairShare.acquire(a);
    await expect(refusal(fairShare.acquire(a))).resolves.toBeInstanceOf(GraphQLError);
  });

  it('caps heavy work in total (below the pool size) whatever the keys', async () => {
    const fairShare = service({ heavyConcurrencyPerKey: 5, heavyConcurrencyTotal: 3 });
    await fairShare.acquire(key('a'));
    await fairShare.acquire(key('b'));
    const third = await fairShare.acquire(key('c'));
    const d = key('d');
    expect((await refusal(fairShare.acquire(d))).extensions.code).toBe('RATE_LIMITED');
    third();
    await fairShare.acquire(d);
  });

  it('refuses a key past its rate with the seconds to wait, without touching other keys', async () => {
    const fairShare = service({ heavyRateLimit: 3, heavyRateWindowSeconds: 60, heavyConcurrencyPerKey: 100 });
    const busy = key('busy');
    for (let i = 0; i < 3; i++) (await fairShare.acquire(busy))();
    const refused = await refusal(fairShare.acquire(busy));
    expect(refused.extensions.code).toBe('RATE_LIMITED');
    expect(refused.extensions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.extensions.retryAfter).toBeLessThanOrEqual(60);
    (await fairShare.acquire(key('quiet')))();
  });

  it('shares one rate per key between api instances on the same database', async () => {
    const settings = { heavyRateLimit: 3, heavyRateWindowSeconds: 60, heavyConcurrencyPerKey: 100 };
    const [first, second] = [service(settings), service(settings)];
    const shared = key('shared');
    (await first.acquire(shared))();
    (await first.acquire(shared))();
    (await second.acquire(shared))();
    expect((await refusal(second.acquire(shared))).extensions.code).toBe('RATE_LIMITED');
    expect((await refusal(first.acquire(shared))).extensions.code).toBe('RATE_LIMITED');
  });
});
