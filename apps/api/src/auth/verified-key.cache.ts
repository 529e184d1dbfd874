import type { Caller } from './caller.js';

/**
 * How long this process trusts a key it verified against the database without reading it
 * again. It bounds how late another process's revocation (the CLI, another api instance) or
 * settings change is seen here; this process's own revocations and changes evict at once.
 */
export const VERIFIED_KEY_TTL_MS = 2_000;
/** Keys remembered at most; the least recently used goes first. */
export const VERIFIED_KEY_CACHE_SIZE = 10_000;

interface Entry {
  /** SHA-256 of the secret: each request still proves it holds the secret (never the plaintext here). */
  readonly secretHash: Buffer;
  readonly caller: Caller;
  readonly verifiedAt: number;
}

/**
 * API keys verified in the last {@link VERIFIED_KEY_TTL_MS}, by lookup prefix, with the caller
 * they resolved to: a page of customers then costs no key lookup. Only valid keys are kept
 * (an unknown or revoked key reads the database every time). `forget…` bumps a generation so
 * that a lookup which started before the eviction does not put the old answer back.
 */
export class VerifiedKeyCache {
  /** Map order is recency: a hit moves its entry to the end, the first entry is evicted. */
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly ttlMs = VERIFIED_KEY_TTL_MS,
    private readonly maxEntries = VERIFIED_KEY_CACHE_SIZE,
  ) {}

  /** The generation to hand back to {@link remember} for a lookup that starts now. */
  get currentGeneration(): number {
    return this.generation;
  }

  get size(): number {
    return this.entries.size;
  }

  recall(lookupPrefix: string, now: number): Entry | undefined {
    const entry = this.entries.get(lookupPrefix);
    if (!entry) return undefined;
    this.entries.delete(lookupPrefix);
    // A clock set back (tests move time both ways) must not stretch an entry's life either.
    if (now - entry.verifiedAt >= this.ttlMs || now < entry.verifiedAt) return undefined;
    this.entries.set(lookupPrefix, entry);
    return entry;
  }

  remember(lookupPrefix: string, secretHash: Buffer, caller: Caller, now: number, generation: number): void {
    if (generation !== this.generation) return;
    this.entries.delete(lookupPrefix);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(lookupPrefix, { secretHash, caller, verifiedAt: now });
  }

  /** A key revoked in this process: refused from the next request on. */
  forgetKey(apiKeyId: string): void {
    this.forgetWhere((caller) => caller.apiKeyId === apiKeyId);
  }

  /** A business whose settings changed in this process: its keys are read again with them. */
  forgetBusiness(businessId: string): void {
    this.forgetWhere((caller) => caller.businessId === businessId);
  }

  private forgetWhere(matches: (caller: Caller) => boolean): void {
    this.generation++;
    for (const [prefix, entry] of this.entries) if (matches(entry.caller)) this.entries.delete(prefix);
  }
}
