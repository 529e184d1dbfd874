import { runCleanups } from './cleanup.js';

export default async function globalTeardown(): Promise<void> {
  await runCleanups();
}
