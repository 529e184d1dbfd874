import type { AppConfig } from '@inner-circle/config';
import { GraphQLError } from 'graphql';
import { FairShareService } from '../fair-share.service';

function service(fairShare: Partial<AppConfig['fairShare']>): FairShareService {
  return new FairShareService({
    fairShare: {
      heavyRateLimit: 1000,
      heavyRateWindowSeconds: 60,
      heavyConcurrencyPerKey: 2,
      heavyConcurrencyTotal: 3,
      ...fairShare,
    },
  } as AppConfig);
}

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
    const first = await fairShare.acquire('key-a');
    await fairShare.acquire('key-a');
    const refused = await refusal(fairShare.acquire('key-a'));
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    first();
    first(); // releasing twice gives back one seat only
    await fairShare.acquire('key-a');
    await expect(refusal(fairShare.acquire('key-a'))).resolves.toBeInstanceOf(GraphQLError);
  });

  it('caps heavy work in total (below the pool size) whatever the keys', async () => {
    const fairShare = service({ heavyConcurrencyPerKey: 5, heavyConcurrencyTotal: 3 });
    await fairShare.acquire('a');
    await fairShare.acquire('b');
    const third = await fairShare.acquire('c');
    expect((await refusal(fairShare.acquire('d'))).extensions.code).toBe('RATE_LIMITED');
    third();
    await fairShare.acquire('d');
  });

  it('refuses a key past its rate with the seconds to wait, without touching other keys', async () => {
    const fairShare = service({ heavyRateLimit: 3, heavyRateWindowSeconds: 60, heavyConcurrencyPerKey: 100 });
    for (let i = 0; i < 3; i++) (await fairShare.acquire('busy'))();
    const refused = await refusal(fairShare.acquire('busy'));
    expect(refused.extensions.code).toBe('RATE_LIMITED');
    expect(refused.extensions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.extensions.retryAfter).toBeLessThanOrEqual(60);
    (await fairShare.acquire('quiet'))();
  });
});
