import { createServer } from 'node:net';

export { sleep } from './services.mjs';

/** A free loopback port (bind to 0, read it, close). */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
