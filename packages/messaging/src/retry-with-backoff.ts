export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialDelayMs: number;
  /** Cap on any single delay. */
  maxDelayMs: number;
  /** Growth per attempt. */
  factor: number;
  /** 0..1: the delay is drawn uniformly from [delay * (1 - jitter), delay]. */
  jitter: number;
  /** Total attempts, the first included. Infinity retries until stopped. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.2,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/** Delay before retry number `retry` (1 = the first retry). Pure apart from `random`. */
export function computeBackoffDelay(
  retry: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialDelayMs * policy.factor ** Math.max(0, retry - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random()));
}

export class AbortedError extends Error {
  constructor(message = 'aborted') {
    super(message);
    this.name = 'AbortedError';
  }
}

/** Resolves after `ms`, or rejects with {@link AbortedError} as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  policy?: Partial<BackoffPolicy>;
  /** Return false to give up and rethrow the error. Default: retry everything. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before waiting `delayMs` after attempt `attempt` failed. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  signal?: AbortSignal;
  random?: () => number;
}

/** Runs `fn` until it resolves, retrying with exponential backoff; rethrows the last error when it gives up. */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = { ...DEFAULT_BACKOFF, ...options.policy };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (
        attempt >= policy.maxAttempts ||
        options.signal?.aborted ||
        !(options.shouldRetry?.(error, attempt) ?? true)
      )
        throw error;
      const delayMs = computeBackoffDelay(attempt, policy, options.random);
      await options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}
