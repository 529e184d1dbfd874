import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Where the IDE's assets are served; each file name carries its content hash. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

export interface GraphiQLAsset {
  /** `<name>.<hash>.<ext>`: a new build gets new URLs, so the old ones can be cached forever. */
  file: string;
  contentType: string;
  etag: string;
  body: Buffer;
  /** Compressed once, on first request (brotli at a moderate level: ~0.5 s for the 5 MB bundle). */
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
}

interface GraphiQLBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

function asset(name: string, ext: string, contentType: string, body: Buffer): GraphiQLAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { file: `${name}.${hash}.${ext}`, contentType, etag: `"${hash}"`, body, encoded: {} };
}

let built: Map<string, GraphiQLAsset> | undefined;
let named: Record<'js' | 'css' | 'favicon' | 'editorWorker' | 'jsonWorker' | 'graphqlWorker', GraphiQLAsset>;

/**
 * GraphiQL (the graphql-yoga build, no CDN) split into hashed files: the page itself is a
 * few kilobytes and the 9 MB of scripts, styles and Monaco workers are cached by the
 * browser for good (`immutable`), so a repeat visit downloads only the page.
 */
export function graphiqlAssets(): Map<string, GraphiQLAsset> {
  if (built) return built;
  // Loaded on first use, not at boot: the bundle's 9 MB (as module source, strings and buffers,
  // ~25 MB of the process) are not held by an api whose callers never open the IDE.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source = require('@graphql-yoga/render-graphiql/graphiql') as GraphiQLBundle;
  const js = 'application/javascript; charset=utf-8';
  named = {
    js: asset('graphiql', 'js', js, Buffer.from(source.js)),
    css: asset('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(source.css)),
    favicon: asset(
      'favicon',
      'ico',
      'image/x-icon',
      Buffer.from(source.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64'),
    ),
    editorWorker: asset('editor-worker', 'js', js, Buffer.from(source.editorWorkerService)),
    jsonWorker: asset('json-worker', 'js', js, Buffer.from(source.jsonWorker)),
    graphqlWorker: asset('graphql-worker', 'js', js, Buffer.from(source.graphqlWorker)),
  };
  built = new Map(Object.values(named).map((entry) => [entry.file, entry]));
  return built;
}

/** The page: links to the hashed assets, and GraphiQL's own start-up with our options. */
export function renderGraphiQLPage(options: {
  title: string;
  endpoint: string;
  defaultQuery: string;
}): string {
  graphiqlAssets();
  const url = (entry: GraphiQLAsset) => `${GRAPHIQL_ASSETS_PATH}/${entry.file}`;
  const workers = {
    editorWorkerService: url(named.editorWorker),
    json: url(named.jsonWorker),
    graphql: url(named.graphqlWorker),
  };
  // JSON inside a <script>: "</" must not close the element early.
  const inline = (value: unknown) => JSON.stringify(value).replaceAll('</', '<\\/');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${options.title}</title>
    <link rel="icon" href="${url(named.favicon)}" />
    <link rel="stylesheet" href="${url(named.css)}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${inline(workers)};
      self['MonacoEnvironment'] = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) { return workers[label]; },
      };
    </script>
    <script src="${url(named.js)}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(window.document.querySelector('#root'), ${inline(options)});
    </script>
  </body>
</html>
`;
}

/** Picks br, then gzip, from Accept-Encoding (q=0 refuses); identity otherwise. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return undefined;
}

export function encodedBody(entry: GraphiQLAsset, encoding: 'br' | 'gzip'): Buffer {
  entry.encoded[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(entry.body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
          },
        })
      : gzipSync(entry.body, { level: 6 });
  return entry.encoded[encoding];
}

interface MinimalReply {
  code(status: number): MinimalReply;
  header(name: string, value: string): MinimalReply;
  send(payload?: Buffer | string): unknown;
}

interface MinimalFastify {
  get(
    path: string,
    handler: (
      request: { params: unknown; headers: Record<string, string | string[] | undefined> },
      reply: MinimalReply,
    ) => unknown,
  ): unknown;
}

/**
 * Serves the assets straight from Fastify (no auth: they are public code), compressed
 * once per encoding and cached, with a strong ETag and a year of `immutable` cache.
 */
export function registerGraphiQLAssets(fastify: MinimalFastify): void {
  fastify.get(`${GRAPHIQL_ASSETS_PATH}/:file`, (request, reply) => {
    const { file } = request.params as { file: string };
    const entry = graphiqlAssets().get(file);
    if (!entry) return reply.code(404).send('Not found');
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', entry.etag)
      .header('vary', 'accept-encoding')
      .header('content-type', entry.contentType);
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    const header = request.headers['accept-encoding'];
    const encoding = chooseEncoding(Array.isArray(header) ? header.join(',') : header);
    if (!encoding) return reply.send(entry.body);
    return reply.header('content-encoding', encoding).send(encodedBody(entry, encoding));
  });
}
