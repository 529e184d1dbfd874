import DataLoader from 'dataloader';

/**
 * DataLoaders live for one request: batching and caching never cross callers (so never
 * cross businesses). Resolvers ask for a loader by name; the first ask creates it.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private readonly values = new Map<string, Map<unknown, unknown>>();

  /**
   * What a loader's batches already read in this request, by loader name (its batch function
   * fills it): a field can return such a value as is, where `load` costs a promise per field
   * and GraphQL then completes the whole object asynchronously.
   */
  known<K, V>(name: string): Map<K, V> {
    let values = this.values.get(name) as Map<K, V> | undefined;
    if (!values) {
      values = new Map<K, V>();
      this.values.set(name, values);
    }
    return values;
  }

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
