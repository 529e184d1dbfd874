export interface PoisonIsolation<T, R> {
  /** The chunks the database took, in input order, each with what `apply` returned for it. */
  applied: { items: T[]; result: R }[];
  /** The items refused on their own, in input order, with the error that refused them. */
  rejected: { item: T; error: unknown }[];
  /** Calls of `apply` (transactions), successful or not: 1 when nothing is refused. */
  rounds: number;
}

/**
 * Applies `items` in one call of `apply` and, when that call is refused for the data
 * itself (`isRejection`), splits the chunk in halves and applies each half, recursively,
 * until every refused item stands alone. One poison message among N costs about
 * 2·log2(N) extra calls, instead of N calls for a one-at-a-time replay, and the good
 * items are still applied in input order (left half before right half), so one key's
 * events keep their order. Any other error propagates at once: the caller retries the
 * whole batch, and chunks already applied are deduplicated by the idempotent `apply`.
 */
export async function isolatePoison<T, R>(
  items: readonly T[],
  apply: (chunk: T[]) => Promise<R>,
  isRejection: (error: unknown) => boolean,
  options: {
    /**
     * Runs before every round after the first, e.g. the batch's heartbeat: a long bisection
     * must not let the consumer's session expire. Its errors propagate.
     */
    beforeRound?: () => Promise<void>;
  } = {},
): Promise<PoisonIsolation<T, R>> {
  const outcome: PoisonIsolation<T, R> = { applied: [], rejected: [], rounds: 0 };
  const pending: T[][] = items.length ? [[...items]] : [];
  while (pending.length) {
    const chunk = pending.shift()!;
    if (outcome.rounds > 0) await options.beforeRound?.();
    outcome.rounds += 1;
    try {
      outcome.applied.push({ items: chunk, result: await apply(chunk) });
    } catch (error) {
      if (!isRejection(error)) throw error;
      if (chunk.length === 1) outcome.rejected.push({ item: chunk[0], error });
      else {
        const middle = Math.ceil(chunk.length / 2);
        pending.unshift(chunk.slice(0, middle), chunk.slice(middle));
      }
    }
  }
  return outcome;
}
