/* eslint-disable @typescript-eslint/require-await -- handlers are async by contract; many test ones have nothing to await */
import {
  AbortedError,
  computeBackoffDelay,
  DEFAULT_BACKOFF,
  retryWithBackoff,
  sleep,
} from './retry-with-backoff.js';

const noJitter = { ...DEFAULT_BACKOFF, initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0 };

describe('computeBackoffDelay', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1000],
    [50, 1000],
  ])('retry %i waits %i ms', (retry, expected) => {
    expect(computeBackoffDelay(retry, noJitter)).toBe(expected);
  });

  it('applies jitter downwards only', () => {
    const policy = { ...noJitter, jitter: 0.5 };
    expect(computeBackoffDelay(2, policy, () => 0)).toBe(200);
    expect(computeBackoffDelay(2, policy, () => 1)).toBe(100);
  });
});

describe('retryWithBackoff', () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 2, jitter: 0 };

  it('retries until success and reports each retry', async () => {
    const retries: number[] = [];
    const result = await retryWithBackoff(
      async (attempt) => {
        if (attempt < 3) throw new Error(`fail ${attempt}`);
        return attempt;
      },
      { policy: fast, onRetry: (_e, attempt) => void retries.push(attempt) },
    );
    expect(result).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        { policy: { ...fast, maxAttempts: 3 } },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });

  it('stops when shouldRetry says no', async () => {
    await expect(
      retryWithBackoff(() => Promise.reject(new Error('fatal')), { policy: fast, shouldRetry: () => false }),
    ).rejects.toThrow('fatal');
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const run = retryWithBackoff(() => Promise.reject(new Error('x')), {
      policy: { initialDelayMs: 10_000, jitter: 0 },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(run).rejects.toBeInstanceOf(AbortedError);
  });

  it('sleep rejects at once on an aborted signal', async () => {
    await expect(sleep(1000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
  });
});
