import { CustomerDirectoryRepository } from '@inner-circle/persistence';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from '../src/graphql/format-graphql-error';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const NAME = 'Zelda Logsecret';
const EMAIL = 'zelda.logsecret@example.com';

/**
 * Issue 11, "database-error parameters and SQL never reach logs": everything the api logs
 * during this spec is captured and grepped for the seeded personal data and key material.
 */
describe('logs carry no SQL, no personal data and no key material', () => {
  let api: ApiTestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    api = await startApiTestApp(
      { LOG_LEVEL: 'info' },
      { logDestination: { write: (line: string) => void lines.push(line) } },
    );
  });

  afterAll(() => api.close());

  it('logs a database error with its correlation id but without its query, parameters or detail', async () => {
    const { key, businessId } = await api.createBusiness('Logged café');
    const created = await api.graphql<{ createCustomer: { id: string } }>(
      'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { key, variables: { input: { externalRef: 'zelda', name: NAME, email: EMAIL } } },
    );
    expect(created.errors).toBeUndefined();
    const issued = await api.graphql<{ createApiKey: { secret: string; apiKey: { prefix: string } } }>(
      'mutation { createApiKey(input: { name: "logged", scopes: [CustomersRead] }) { secret apiKey { prefix } } }',
      { key },
    );
    const prefix = issued.data!.createApiKey.apiKey.prefix;
    // Bad requests of every kind, logged or not.
    await api.graphql('{ customer(id: "00000000-0000-0000-0000-000000000000") { id } }', { key });
    await api.graphql(`{ customerByExternalRef(externalRef: "${NAME}") { id } }`, { key });

    // A real database failure carrying the personal data in its parameters, through the
    // same path an unexpected resolver error takes (masked, logged with a correlation id).
    const failure = await api.app
      .get(CustomerDirectoryRepository)
      .create(businessId, { externalRef: 'nul\u0000ref', name: NAME, email: EMAIL, marketingConsent: false })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(JSON.stringify(Object.entries(failure as object))).toContain(EMAIL);
    const masked = formatGraphQLError(
      { message: (failure as Error).message, path: ['createCustomer'] },
      new GraphQLError((failure as Error).message, {
        originalError: failure as Error,
        path: ['createCustomer'],
      }),
    );
    const correlationId = masked.extensions?.correlationId as string;
    expect(correlationId).toBeDefined();

    const log = lines.join('');
    expect(log).toContain(correlationId);
    for (const secret of [NAME, EMAIL, prefix, issued.data!.createApiKey.secret, key, 'INSERT INTO']) {
      expect(log).not.toContain(secret);
    }
    process.stdout.write(
      `${JSON.stringify({ summary: 'log-redaction', lines: lines.length, secretsFound: 0 })}\n`,
    );
  });
});
