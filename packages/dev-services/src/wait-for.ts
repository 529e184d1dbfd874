/**
 * For integration tests: polls `probe` until it returns a value (anything but undefined),
 * and fails naming `what` once `timeoutMs` has passed. The pipeline is asynchronous end to
 * end, so tests wait for an observable effect instead of sleeping a guessed time.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
