// Retakes the README's two console screenshots (docs/console-inner-circle.png, docs/console-insights.png)
// from the demo business of a first `npm start`: the built api in embedded mode on a throwaway data
// folder, its printed demo key, and Debian's Chromium. Run after `npx turbo run build`:
//   npm run screenshots -w @inner-circle/console
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'api', 'dist', 'main.js');
const DOCS = join(ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT = { timeout: 120_000 };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `probe` returns something, or fails naming `what`. */
async function waitFor(probe, what, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const home = await mkdtemp(join(tmpdir(), 'ic-screenshots-'));
await chmod(home, 0o755);
const port = await freePort();
const api = spawn(process.execPath, [MAIN], {
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_FORMAT: 'json',
    HOST: '127.0.0.1',
    PORT: String(port),
    WORKER_PORT: String(await freePort()),
    EMBEDDED_DATA_DIR: join(home, 'data'),
    EMBEDDED_PG_PORT: String(await freePort()),
    DEMO_SEED: 'true',
  },
});
let stdout = '';
let stderr = '';
let exited = false;
api.stdout.on('data', (chunk) => (stdout += chunk));
api.stderr.on('data', (chunk) => (stderr += chunk));
const closed = new Promise((resolve) => api.on('close', () => resolve((exited = true))));

let browser;
try {
  await waitFor(() => {
    if (exited) throw new Error(`the api stopped:\n${stderr}`);
    return stderr.includes('is serving GraphQL') ? true : undefined;
  }, 'the api to serve');
  const key = /(ic_\S+)/.exec(stderr)?.[1];
  if (!key) throw new Error(`no demo key printed:\n${stderr}`);
  await waitFor(() => (stdout.includes('demo history applied') ? true : undefined), 'the demo history');

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Inner circle/ }).waitFor(WAIT);
  await page.locator('ol.waitlist li').first().waitFor(WAIT);
  await page.screenshot({ path: join(DOCS, 'console-inner-circle.png') });

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { name: 'Customers per tier' }).waitFor(WAIT);
  await page.locator('.recharts-surface').first().waitFor(WAIT);
  // Charts draw without animation, but their size settles after the first layout.
  await page.waitForFunction(() => document.querySelectorAll('.recharts-surface').length >= 3, null, WAIT);
  await page.screenshot({ path: join(DOCS, 'console-insights.png') });
  process.stderr.write(`screenshots written to ${DOCS}\n`);
} finally {
  await browser?.close();
  if (!exited) process.kill(-api.pid, 'SIGINT');
  await closed;
  await rm(home, { recursive: true, force: true });
}
