import { Logger } from '@nestjs/common';
import { startBackgroundLoop } from './background-loop';

describe('startBackgroundLoop', () => {
  const logger = new Logger('test');
  beforeEach(() => jest.spyOn(logger, 'warn').mockImplementation(() => undefined));

  it('runs passes until stopped, pausing as each pass asks', async () => {
    let passes = 0;
    const loop = startBackgroundLoop(() => Promise.resolve(++passes < 3 ? 0 : 5), {
      errorPauseMs: 1000,
      logger,
      what: 'test pass',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await loop.stop();
    const stoppedAt = passes;
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(passes).toBe(stoppedAt);
    expect(loop.signal.aborted).toBe(true);
  });

  it('survives a failing pass: logs it and tries again after the error pause', async () => {
    let passes = 0;
    const loop = startBackgroundLoop(
      () => (++passes === 1 ? Promise.reject(new Error('database blip')) : Promise.resolve(1000)),
      { errorPauseMs: 10, logger, what: 'test pass' },
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    await loop.stop();
    expect(passes).toBe(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'test pass failed; retrying',
    );
  });

  it('wakes from a long pause at once, and a wake during a pass skips the next pause', async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const loop = startBackgroundLoop(
      async () => {
        passes += 1;
        if (passes === 2) await new Promise<void>((resolve) => (release = resolve));
        return 60_000;
      },
      { errorPauseMs: 10, logger, what: 'test pass' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(passes).toBe(1);
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(passes).toBe(2);
    loop.wake(); // while pass 2 runs
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(passes).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(passes).toBe(3);
    await loop.stop();
  });

  it('stops in the middle of a long pause, without waiting for it to end', async () => {
    // Fake timers: the 60 s pause can only end if the test advances the clock, which it never
    // does, so stop() resolving at all shows it cut the pause short (no wall-clock bound).
    jest.useFakeTimers();
    try {
      let passes = 0;
      const loop = startBackgroundLoop(
        () => {
          passes += 1;
          return Promise.resolve(60_000);
        },
        {
          errorPauseMs: 10,
          logger,
          what: 'test pass',
        },
      );
      while (passes === 0) await Promise.resolve();
      await loop.stop();
      expect(passes).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
