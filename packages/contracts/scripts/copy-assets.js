// After tsc: ship what tsc does not emit. The AsyncAPI document (ASYNCAPI_DOCUMENT_PATH points
// next to index.js) and the generated validators with their hand-written declaration.
'use strict';

const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const src = join(__dirname, '..', 'src');
const dist = join(__dirname, '..', 'dist');
mkdirSync(join(dist, 'generated'), { recursive: true });
for (const file of ['asyncapi.yaml', 'generated/event-validators.js', 'generated/event-validators.d.ts']) {
  copyFileSync(join(src, file), join(dist, file));
}
