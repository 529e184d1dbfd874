import { lazyCount } from './connection';

describe('lazyCount', () => {
  it('counts only when awaited, and only once however often it is awaited', async () => {
    const count = jest.fn(() => Promise.resolve(42));
    const total = lazyCount(count);
    expect(count).not.toHaveBeenCalled();
    expect(await total).toBe(42);
    expect(await total).toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('passes a failure on to whoever awaits it', async () => {
    await expect(lazyCount(() => Promise.reject(new Error('no database')))).rejects.toThrow('no database');
  });
});
