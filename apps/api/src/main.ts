import 'reflect-metadata';
import { loadConfigOrExit } from '@inner-circle/config';
import { createApiApp } from './create-api-app.js';
import { findConsoleBuild } from './console/console-static.js';
import { startEmbeddedDatabase } from './embedded/embedded-database.js';
import { GRAPHQL_PATH } from './graphql/graphql.options.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const embedded = config.database.url ? undefined : await startEmbeddedDatabase(config);
  const databaseUrl = config.database.url ?? embedded!.url;

  const app = await createApiApp(config, {
    databaseUrl,
    runWorker: config.kafka === undefined,
    seedDemo: embedded !== undefined && config.demoSeed,
  }).catch(async (error: unknown) => {
    // A failed boot (say, a bad migration) must not leave the embedded PostgreSQL running.
    await embedded?.stop();
    throw error;
  });
  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (error) {
    await app.close();
    await embedded?.stop();
    throw error;
  }

  const consoleServed = findConsoleBuild() !== undefined;
  const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
  process.stdout.write(
    `  Inner Circle is serving GraphQL (and GraphiQL in a browser) at ${url}${GRAPHQL_PATH}\n` +
      (consoleServed ? `  Open the console at ${url}/ and sign in with an API key\n` : ''),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`  ${signal} received, stopping…\n`);
    try {
      await app.close();
    } finally {
      // PostgreSQL goes last: the worker's last transaction and the pool need it until here.
      await embedded?.stop();
    }
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Inner Circle failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
