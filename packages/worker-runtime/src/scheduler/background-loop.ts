import type { Logger } from '@nestjs/common';
import { sleep } from '@inner-circle/messaging';

export interface BackgroundLoop {
  /** Aborted when the loop is asked to stop: long passes should give up at the next step. */
  readonly signal: AbortSignal;
  /** Cuts the current pause short (or skips the next one if a pass is running): there is work now. */
  wake(): void;
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
  let woken = false;
  let pausing: AbortController | undefined;
  const loop = (async () => {
    while (!signal.aborted) {
      woken = false;
      let pause: number;
      try {
        pause = await pass(signal);
      } catch (error) {
        options.logger.warn({ err: error }, `${options.what} failed; retrying`);
        pause = options.errorPauseMs;
        woken = false; // a failing pass keeps its back-off, however often it is woken
      }
      if (pause > 0 && !woken) {
        pausing = new AbortController();
        await sleep(pause, AbortSignal.any([signal, pausing.signal])).catch(() => undefined);
        pausing = undefined;
      }
    }
  })();
  return {
    signal,
    wake: () => {
      woken = true;
      pausing?.abort();
    },
    stop: async () => {
      controller.abort();
      await loop;
    },
  };
}
