import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

/** A GET as a browser's network sees it: the bytes on the wire, not decompressed. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const BROWSER = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };

describe('GraphiQL (served by the api, offline)', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp({}, { embeddedWorker: false });
  });

  afterAll(() => api.close());

  function assetUrls(html: string): string[] {
    return [...html.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((match) => match[1]);
  }

  it('is a small page whose assets are compressed, hashed and cached for good', async () => {
    const page = await rawGet(`${api.url}/graphql`, BROWSER);
    expect(page.status).toBe(200);
    const html = page.body.toString('utf8');
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/https?:\/\//);
    expect(page.body.length).toBeLessThan(10_000);
    // The workers are listed in the inline script, the rest as src/href.
    const workers = [...html.matchAll(/"(\/graphiql\/assets\/[^"]+-worker\.[0-9a-f]{16}\.js)"/g)].map(
      (m) => m[1],
    );
    expect(workers).toHaveLength(3);
    const assets = [...assetUrls(html), ...workers];
    expect(assets.length).toBeGreaterThanOrEqual(5);

    let firstVisit = page.body.length;
    let uncompressed = 0;
    for (const path of assets) {
      expect(path).toMatch(/\.[0-9a-f]{16}\.(js|css|ico)$/);
      const br = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.status).toBe(200);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);
      expect(br.headers['content-encoding']).toBe('br');
      const plain = brotliDecompressSync(br.body);
      uncompressed += plain.length;
      firstVisit += br.body.length;

      const gzip = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain)).toBe(true);

      const identity = await rawGet(`${api.url}${path}`, {});
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.body.equals(plain)).toBe(true);
    }
    // The whole IDE is ~9 MB; compressed it is a fraction of that.
    expect(uncompressed).toBeGreaterThan(5_000_000);
    expect(firstVisit).toBeLessThan(uncompressed / 3);

    // A repeat visit: the page again, every asset revalidated by its ETag (a browser would not even ask: immutable).
    let repeatVisit = (await rawGet(`${api.url}/graphql`, BROWSER)).body.length;
    for (const path of assets) {
      const first = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'br' });
      const again = await rawGet(`${api.url}${path}`, {
        'accept-encoding': 'br',
        'if-none-match': String(first.headers.etag),
      });
      expect(again.status).toBe(304);
      repeatVisit += again.body.length;
    }
    console.info(
      `GraphiQL: ${uncompressed} bytes of assets; first visit ${firstVisit} bytes (br), repeat visit ${repeatVisit} bytes`,
    );
    expect(repeatVisit).toBeLessThan(50_000);
  });

  it('answers 404 for an unknown asset', async () => {
    const response = await rawGet(`${api.url}/graphiql/assets/graphiql.0000000000000000.js`, {});
    expect(response.status).toBe(404);
  });
});
