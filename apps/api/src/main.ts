import 'reflect-metadata';
import { loadConfigOrExit } from '@inner-circle/config';
import { createApiApp } from './create-api-app.js';
import {
  type EmbeddedDatabase,
  EmbeddedDatabaseInUseError,
  startEmbeddedDatabase,
} from './embedded/embedded-database.js';
import { findConsoleBuild } from './console/console-static.js';
import { GRAPHQL_PATH } from './graphql/graphql.options.js';

/** Human lines go to stderr: stdout carries the JSON log stream (LOG_FORMAT=json). */
function say(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.database.url) {
    try {
      embedded = await startEmbeddedDatabase(config);
    } catch (error) {
      if (!(error instanceof EmbeddedDatabaseInUseError)) throw error;
      process.stderr.write(`Inner Circle did not start: ${error.message}\n`);
      process.exit(1);
    }
    say(`Embedded PostgreSQL: ${embedded.url} (data in ${embedded.dataDir})`);
  }
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
  say(`Inner Circle is serving GraphQL (and GraphiQL in a browser) at ${url}${GRAPHQL_PATH}`);
  if (config.kafka === undefined)
    say(`Prometheus metrics of the api and its embedded worker: ${url}/metrics`);
  if (consoleServed) say(`Open the console at ${url}/ and sign in with an API key`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, stopping…`);
    let code = 0;
    try {
      // Nest's hooks run in order: the loops (outbox relay, sweep) and the consumers stop in
      // beforeApplicationShutdown, then the transport and the pool close in onApplicationShutdown.
      await app.close();
    } catch (error) {
      code = 1;
      process.stderr.write(`Inner Circle did not stop cleanly: ${describe(error)}\n`);
    } finally {
      // PostgreSQL goes last: the worker's last transaction and the pool need it until here.
      await embedded?.stop();
    }
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`Inner Circle failed to start: ${describe(error)}\n`);
  process.exit(1);
});
