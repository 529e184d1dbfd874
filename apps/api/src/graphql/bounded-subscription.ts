/**
 * Reads a subscription's source eagerly into a queue of at most `limit` items and hands
 * them out from that queue. A subscriber that does not keep up (its socket's send does not
 * complete, so graphql-ws stops pulling) would otherwise let the source buffer without
 * bound: when the queue is full, `onOverflow` is called once (the gate closes the socket)
 * and the source is stopped.
 *
 * An iterator object rather than an async generator: `return()` must end a pending
 * `next()` at once (graphql-ws awaits it when the socket closes), which a suspended
 * generator cannot do.
 */
export function boundSubscription<T>(
  source: AsyncIterable<T>,
  limit: number,
  onOverflow: () => void,
): AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> } {
  const iterator = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let waitingFailed: ((error: unknown) => void) | undefined;
  const done: IteratorResult<T> = { done: true, value: undefined };

  const settle = () => {
    if (!waiting) return;
    const resolve = waiting;
    const reject = waitingFailed!;
    if (queue.length) {
      waiting = waitingFailed = undefined;
      resolve({ done: false, value: queue.shift() as T });
    } else if (failure) {
      waiting = waitingFailed = undefined;
      reject(failure.error);
    } else if (finished) {
      waiting = waitingFailed = undefined;
      resolve(done);
    }
  };

  const stop = () => {
    if (finished) return;
    finished = true;
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  };

  void (async () => {
    try {
      while (!finished) {
        const next = await iterator.next();
        if (next.done || finished) break;
        if (queue.length >= limit) {
          queue.length = 0;
          stop();
          onOverflow();
          break;
        }
        queue.push(next.value);
        settle();
      }
    } catch (error) {
      if (!finished) failure = { error };
    } finally {
      finished = true;
      settle();
    }
  })();

  return {
    next: () =>
      new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting = resolve;
        waitingFailed = reject;
        settle();
      }),
    return: () => {
      stop();
      queue.length = 0;
      settle();
      return Promise.resolve(done);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
