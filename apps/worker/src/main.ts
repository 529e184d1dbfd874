import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '@inner-circle/config';
import { Logger } from 'nestjs-pino';
import { WorkerAppModule } from './worker-app.module.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The standalone worker has no embedded fallbacks: it joins a shared database and broker.
  const missing = [!config.database.url && 'DATABASE_URL', !config.kafka && 'KAFKA_BROKERS'].filter(Boolean);
  if (missing.length) {
    process.stderr.write(
      `Invalid configuration:\n${missing.map((name) => `  ${name}: required by the standalone worker (not set)`).join('\n')}\n` +
        'Use `npm start` for the embedded single-process mode.\n',
    );
    process.exit(1);
  }
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
