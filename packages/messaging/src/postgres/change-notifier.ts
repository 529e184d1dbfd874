/** A version counter that async loops can wait on without missing a change made between "check" and "wait". */
export class ChangeNotifier {
  private version_ = 0;
  private waiters = new Set<() => void>();

  get version(): number {
    return this.version_;
  }

  notify(): void {
    this.version_++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves when the version differs from `seen`, the signal aborts, or the timeout passes (whichever first). */
  wait(seen: number, signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (this.version_ !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
