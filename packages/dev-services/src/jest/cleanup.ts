// Jest runs globalSetup and globalTeardown in the same process, so the handles to
// stop live on globalThis between the two.
type Cleanup = () => Promise<void>;
const KEY = Symbol.for('inner-circle.dev-services.cleanups');
const store = globalThis as unknown as Record<symbol, Cleanup[] | undefined>;

export function registerCleanup(cleanup: Cleanup): void {
  (store[KEY] ??= []).push(cleanup);
}

export async function runCleanups(): Promise<void> {
  const cleanups = (store[KEY] ?? []).reverse();
  store[KEY] = [];
  for (const cleanup of cleanups) await cleanup();
}
