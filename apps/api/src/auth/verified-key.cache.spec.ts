import fc from 'fast-check';
import type { Caller } from './caller';
import { VerifiedKeyCache } from './verified-key.cache';

const hash = Buffer.alloc(32, 1);
const callerOf = (apiKeyId: string, businessId = 'b1'): Caller =>
  ({ apiKeyId, businessId, scopes: new Set(), scoringSettings: {} }) as unknown as Caller;

describe('VerifiedKeyCache', () => {
  it('answers for ttl milliseconds after the verification, then reads again', () => {
    const cache = new VerifiedKeyCache(2_000, 10);
    cache.remember('p1', hash, callerOf('k1'), 1_000, cache.currentGeneration);
    expect(cache.recall('p1', 2_999)?.caller.apiKeyId).toBe('k1');
    expect(cache.recall('p1', 3_000)).toBeUndefined();
    // Gone, not merely hidden.
    expect(cache.recall('p1', 1_500)).toBeUndefined();
  });

  it('does not let a clock set back stretch an entry', () => {
    const cache = new VerifiedKeyCache(2_000, 10);
    cache.remember('p1', hash, callerOf('k1'), 10_000, cache.currentGeneration);
    expect(cache.recall('p1', 9_999)).toBeUndefined();
  });

  it('forgets a key or a business at once, and a lookup that began before is not kept', () => {
    const cache = new VerifiedKeyCache(2_000, 10);
    cache.remember('p1', hash, callerOf('k1', 'b1'), 0, cache.currentGeneration);
    cache.remember('p2', hash, callerOf('k2', 'b1'), 0, cache.currentGeneration);
    cache.remember('p3', hash, callerOf('k3', 'b2'), 0, cache.currentGeneration);
    const startedBefore = cache.currentGeneration;
    cache.forgetKey('k1');
    expect(cache.recall('p1', 1)).toBeUndefined();
    expect(cache.recall('p2', 1)).toBeDefined();
    cache.forgetBusiness('b1');
    expect(cache.recall('p2', 1)).toBeUndefined();
    expect(cache.recall('p3', 1)).toBeDefined();
    cache.remember('p1', hash, callerOf('k1', 'b1'), 1, startedBefore);
    expect(cache.recall('p1', 2)).toBeUndefined();
  });

  it('never holds more than its bound, and evicts the least recently used first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 15 })), { maxLength: 80 }),
        (bound, steps) => {
          const cache = new VerifiedKeyCache(1_000_000, bound);
          const model: string[] = []; // least recently used first
          for (const [isRecall, n] of steps) {
            const prefix = `p${n}`;
            const at = model.indexOf(prefix);
            if (isRecall) {
              expect(cache.recall(prefix, 1) !== undefined).toBe(at >= 0);
              if (at >= 0) model.push(...model.splice(at, 1));
            } else {
              cache.remember(prefix, hash, callerOf(`k${n}`), 1, cache.currentGeneration);
              if (at >= 0) model.splice(at, 1);
              else if (model.length >= bound) model.shift();
              model.push(prefix);
            }
            expect(cache.size).toBe(model.length);
            expect(cache.size).toBeLessThanOrEqual(bound);
          }
        },
      ),
    );
  });
});
