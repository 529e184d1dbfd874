import type { Logger } from '@nestjs/common';
import { sleep } from '@inner-circle/messaging';

export interface BackgroundLoop {
  /** Aborted when the loop is asked to stop: long passes should give up at the next step. */
  readonly signal: AbortSignal;
  /** Stops after the current pass (never in the middle of a transaction). */
  stop(): Promise<void>;
}

/**
 * Runs `pass` again and again until stopped; each pass returns how long to pause before the
 * next (0 = go on at once). A failing pass is logged and retried after `errorPauseMs`:
 * background work must survive a database or broker blip.
 */
export function startBackgroundLoop(
  pass: (signal: AbortSignal) => Promise<number>,
  options: { errorPauseMs: number; logger: Logger; what: string },
): BackgroundLoop {
  const controller = new AbortController();
  const { signal } = controller;
  const loop = (async () => {
    while (!signal.aborted) {
      let pause: number;
      try {
        pause = await pass(signal);
      } catch (error) {
        options.logger.warn({ err: error }, `${options.what} failed; retrying`);
        pause = options.errorPauseMs;
      }
      if (pause > 0) await sleep(pause, signal).catch(() => undefined);
    }
  })();
  return {
    signal,
    stop: async () => {
      controller.abort();
      await loop;
    },
  };
}
