import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '@inner-circle/config';
import { Logger } from 'nestjs-pino';
import { InteractionConsumerService, WorkerAppModule } from '@inner-circle/worker-runtime';

/** Longest wait for a clean close (leaving the group, draining the pool) before exiting anyway. */
const CLOSE_TIMEOUT_MS = 15_000;

let app: NestFastifyApplication | undefined;
let exiting = false;

async function main(): Promise<void> {
  // The standalone worker has no embedded fallbacks: it joins a shared database and broker
  // (`npm start` is the embedded single-process mode).
  const config = loadConfigOrExit({
    required: ['DATABASE_URL', 'KAFKA_BROKERS'],
    requiredBy: 'the standalone worker',
  });
  app = await NestFactory.create<NestFastifyApplication>(
    WorkerAppModule.forRoot(
      { ...config, database: { ...config.database, url: config.database.url! } },
      { startConsumer: 'manual' },
    ),
    new FastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the app: the consumer leaves its group before the pool closes.
  app.enableShutdownHooks();
  // Port first, group second: a worker that cannot serve (EADDRINUSE) exits before it joins,
  // instead of holding partitions for a session timeout after it died.
  await app.listen({ port: config.http.workerPort, host: config.http.host });
  await app.get(InteractionConsumerService).start();
}

/**
 * Every other way out (a failed start, an uncaught exception, an unhandled rejection) closes
 * the app too, so the member leaves the group at once: a member that just vanishes holds its
 * partitions until its session times out.
 */
function exitAfterClose(reason: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`worker ${reason}: ${detail}\n`);
  if (exiting) return;
  exiting = true;
  process.exitCode = 1;
  const forceExit = setTimeout(() => process.exit(1), CLOSE_TIMEOUT_MS);
  forceExit.unref();
  void (app?.close() ?? Promise.resolve())
    .catch((closeError: unknown) => process.stderr.write(`worker close failed: ${String(closeError)}\n`))
    .finally(() => process.exit(1));
}

process.on('uncaughtException', (error) => exitAfterClose('crashed on an uncaught exception', error));
process.on('unhandledRejection', (reason) => exitAfterClose('crashed on an unhandled rejection', reason));

main().catch((error: unknown) => exitAfterClose('failed to start', error));
