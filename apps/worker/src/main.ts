import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '@inner-circle/config';
import { Logger } from 'nestjs-pino';
import { WorkerAppModule } from './worker-app.module.js';

async function main(): Promise<void> {
  // The standalone worker has no embedded fallbacks: it joins a shared database and broker
  // (`npm start` is the embedded single-process mode).
  const config = loadConfigOrExit({
    required: ['DATABASE_URL', 'KAFKA_BROKERS'],
    requiredBy: 'the standalone worker',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerAppModule.forRoot({ ...config, database: { ...config.database, url: config.database.url! } }),
    new FastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen({ port: config.http.workerPort, host: config.http.host });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
