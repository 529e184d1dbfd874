import DataLoader from 'dataloader';

/**
 * DataLoaders live for one request: batching and caching never cross callers (so never
 * cross businesses). Resolvers ask for a loader by name; the first ask creates it.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader;
  }
}

const LOADERS = Symbol('inner-circle.request-loaders');

/** The loaders of the request (created on first use, attached to the request object). */
export function loadersOf(request: object): RequestLoaders {
  const holder = request as { [LOADERS]?: RequestLoaders };
  return (holder[LOADERS] ??= new RequestLoaders());
}
