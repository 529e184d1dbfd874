import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@inner-circle/config';
import { Logger } from 'nestjs-pino';
import { type ApiRuntime, AppModule } from './app.module.js';
import { ArgumentValidationPipe } from './common/validation/argument-validation.pipe.js';
import { registerGraphiQLAssets } from './graphql/graphiql-assets.js';
import { serveConsole } from './console/console-static.js';

/** Builds the api (used by main, the CLI and the integration tests alike). */
export async function createApiApp(config: AppConfig, runtime: ApiRuntime): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, runtime),
    new FastifyAdapter({ bodyLimit: 5 * 1024 * 1024 }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Inputs are classes validated with class-validator; unknown fields are errors, not silently dropped.
  app.useGlobalPipes(new ArgumentValidationPipe());
  registerGraphiQLAssets(app.getHttpAdapter().getInstance());
  // The owner's console (apps/console), built on the same public GraphQL API.
  await serveConsole(app);
  return app;
}
