import { boundSubscription } from '../bounded-subscription';

/** A source the test pushes into, like the tier-change feed. */
function pushSource<T>() {
  const pending: T[] = [];
  let wake: (() => void) | undefined;
  let returned = false;
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      while (!pending.length && !returned) await new Promise<void>((resolve) => (wake = resolve));
      return returned ? { done: true, value: undefined } : { done: false, value: pending.shift() as T };
    },
    return() {
      returned = true;
      wake?.();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return {
    iterator,
    push(value: T) {
      pending.push(value);
      wake?.();
    },
    get returned() {
      return returned;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('boundSubscription', () => {
  it('hands out events in order to a subscriber that keeps up', async () => {
    const source = pushSource<number>();
    const bounded = boundSubscription(source.iterator, 2, () => undefined);
    for (const n of [1, 2, 3]) source.push(n);
    expect(await bounded.next()).toEqual({ done: false, value: 1 });
    expect(await bounded.next()).toEqual({ done: false, value: 2 });
    expect(await bounded.next()).toEqual({ done: false, value: 3 });
  });

  it('calls onOverflow once and stops the source when a subscriber does not read', async () => {
    const source = pushSource<number>();
    const overflow = jest.fn();
    boundSubscription(source.iterator, 3, overflow);
    for (let n = 0; n < 10; n++) {
      source.push(n);
      await tick();
    }
    expect(overflow).toHaveBeenCalledTimes(1);
    expect(source.returned).toBe(true);
  });

  it('ends a pending next() at once when returned (the socket closed)', async () => {
    const source = pushSource<number>();
    const bounded = boundSubscription(source.iterator, 3, () => undefined);
    const pending = bounded.next();
    await bounded.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(source.returned).toBe(true);
  });
});
