import fc from 'fast-check';
import { isolatePoison } from './isolate-poison.js';

class Refused extends Error {}
const isRefused = (error: unknown): boolean => error instanceof Refused;

/** A stand-in for a transaction: refuses a chunk holding any poison item, else records it. */
function fakeDatabase(poison: Set<number>) {
  const committed: number[] = [];
  return {
    committed,
    apply: (chunk: number[]): Promise<number> => {
      if (chunk.some((item) => poison.has(item))) return Promise.reject(new Refused('constraint'));
      committed.push(...chunk);
      return Promise.resolve(chunk.length);
    },
  };
}

describe('isolatePoison', () => {
  it('applies a clean batch in one round', async () => {
    const db = fakeDatabase(new Set());
    const outcome = await isolatePoison([1, 2, 3], db.apply, isRefused);
    expect(outcome).toEqual({ applied: [{ items: [1, 2, 3], result: 3 }], rejected: [], rounds: 1 });
  });

  it('finds one poison item among 500 in at most 1 + 2·log2(500) rounds', async () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    const db = fakeDatabase(new Set([317]));
    const outcome = await isolatePoison(items, db.apply, isRefused);
    expect(outcome.rejected.map((r) => r.item)).toEqual([317]);
    expect(db.committed).toEqual(items.filter((i) => i !== 317));
    expect(outcome.rounds).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(500)));
  });

  it('calls beforeRound (the heartbeat) between rounds, and stops when it throws', async () => {
    let beats = 0;
    const db = fakeDatabase(new Set([3]));
    const outcome = await isolatePoison([1, 2, 3, 4], db.apply, isRefused, {
      beforeRound: () => Promise.resolve(void (beats += 1)),
    });
    expect(beats).toBe(outcome.rounds - 1);
    const rebalancing = new Error('rebalancing');
    await expect(
      isolatePoison([1, 2, 3, 4], fakeDatabase(new Set([3])).apply, isRefused, {
        beforeRound: () => Promise.reject(rebalancing),
      }),
    ).rejects.toBe(rebalancing);
  });

  it('rethrows an error that is not a rejection at once', async () => {
    const transient = new Error('connection reset');
    await expect(isolatePoison([1, 2], () => Promise.reject(transient), isRefused)).rejects.toBe(transient);
  });

  it('rejects exactly the poison, applies every other item once and in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: 300 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, n - 1) }), { maxLength: n ? 12 : 0 }),
            ),
          ),
        async ([n, poisonList]) => {
          const items = Array.from({ length: n }, (_, i) => i);
          const poison = new Set(poisonList);
          const db = fakeDatabase(poison);
          const outcome = await isolatePoison(items, db.apply, isRefused);
          expect(outcome.rejected.map((r) => r.item)).toEqual(items.filter((i) => poison.has(i)));
          expect(db.committed).toEqual(items.filter((i) => !poison.has(i)));
          const k = poison.size;
          if (n > 0) expect(outcome.rounds).toBeLessThanOrEqual(1 + 2 * k * Math.ceil(Math.log2(n) + 1));
        },
      ),
    );
  });
});
