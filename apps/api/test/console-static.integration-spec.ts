import { request } from 'node:http';
import { ASSET_CACHE_CONTROL, findConsoleBuild, PAGE_CACHE_CONTROL } from '../src/console/console-static';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A plain HTTP GET that leaves the body as sent (fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the api serves the built console at /', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    // turbo builds the console before the api's tests (the api depends on it).
    if (!findConsoleBuild())
      throw new Error('apps/console is not built: run `npm run build -w @inner-circle/console`');
    api = await startApiTestApp({}, { embeddedWorker: false });
  });

  afterAll(() => api?.close());

  it('serves index.html, never cached, naming hashed assets cached for a year and pre-compressed', async () => {
    const page = await get(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
    const html = page.body.toString('utf8');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const plain = await get(`${api.url}${script}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const brotli = await get(`${api.url}${script}`, { 'accept-encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);

    const gzip = await get(`${api.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('leaves GraphQL, health and unknown paths as they were', async () => {
    const graphql = await api.graphql('{ __typename }');
    expect(graphql.data).toEqual({ __typename: 'Query' });
    expect((await get(`${api.url}/no-such-page`)).status).toBe(404);
    expect((await get(`${api.url}/assets/no-such-file.js`)).status).toBe(404);
  });
});
