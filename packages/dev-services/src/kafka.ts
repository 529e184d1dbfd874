import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port.js';

export interface RunningKafka {
  brokers: string;
  stop(): Promise<void>;
}

interface KafkaLauncher {
  startKafka(options: {
    port: number;
    controllerPort: number;
    homeDir: string;
    dataDir: string;
    log?: (message: string) => void;
  }): Promise<{ brokers: string; stop(): Promise<void> }>;
}

// The launcher is the repo's own script (also behind `npm run kafka:start`), kept as
// plain Node so it runs without a build; resolved relative to this package.
const launcherUrl = new URL('../../../scripts/kafka/kafka.mjs', import.meta.url);

/** Starts a throwaway single-node KRaft broker on free loopback ports. */
export async function startTestKafka(): Promise<RunningKafka> {
  const launcher = (await import(launcherUrl.href)) as KafkaLauncher;
  // A home of its own keeps the throwaway broker's pid and config apart from a dev broker.
  const homeDir = await mkdtemp(join(tmpdir(), 'ic-kafka-'));
  const [port, controllerPort] = [await findFreePort(), await findFreePort()];
  const broker = await launcher.startKafka({
    port,
    controllerPort,
    homeDir,
    dataDir: join(homeDir, 'data'),
    log: () => undefined,
  });
  return {
    brokers: broker.brokers,
    stop: async () => {
      await broker.stop();
      await rm(homeDir, { recursive: true, force: true });
    },
  };
}
