import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { SCHEMA_FILE } from '../src/graphql/graphql.options';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

/** The committed schema.graphql is the contract front-end teams read: it must match the code. */
describe('schema.graphql', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  });

  afterAll(() => api.close());

  it('matches the schema the code builds', () => {
    const built = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, `${built}\n`);
    const committed = readFileSync(SCHEMA_FILE, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('# '))
      .join('\n')
      .trim();
    // On failure: `npm run schema:generate -w @inner-circle/api`, review and commit the diff.
    expect(committed).toBe(built.trim());
  });
});
