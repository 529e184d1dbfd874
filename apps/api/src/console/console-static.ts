import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Hashed file names change with their content: a year, never revalidated. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html names the current hashes, so it is always revalidated. */
export const PAGE_CACHE_CONTROL = 'no-cache';

/** The console's build (apps/console/dist), found through the workspace package; undefined if not built. */
export function findConsoleBuild(): string | undefined {
  try {
    const root = join(dirname(require.resolve('@inner-circle/console/package.json')), 'dist');
    return existsSync(join(root, 'index.html')) ? root : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the owner's console at `/`. Only the files of the build get routes (no wildcard), so
 * /graphql, /health and unknown paths behave as before. The build ships .br/.gz twins of its text
 * files, served when the browser accepts them, so nothing is compressed per request.
 */
export async function serveConsole(app: NestFastifyApplication, root = findConsoleBuild()): Promise<boolean> {
  if (!root) {
    new Logger('Console').warn('console not built (npm run build -w @inner-circle/console): / is not served');
    return false;
  }
  const assets = `${sep}assets${sep}`;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes(assets) ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL);
      reply.header('x-content-type-options', 'nosniff');
    },
  });
  return true;
}
