import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { RedemptionRefusal } from '@inner-circle/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApiKeyErrorCode, ApiKeyException, toApiKeyClientError } from '../../api-keys/api-keys.exception';
import {
  CampaignErrorCode,
  CampaignException,
  toCampaignGraphQLError,
} from '../../campaigns/campaigns.exception';
import {
  CustomerErrorCode,
  CustomerException,
  toCustomerGraphQLError,
} from '../../customers/customers.exception';
import {
  InteractionErrorCode,
  InteractionException,
  toInteractionClientError,
} from '../../interactions/interactions.exception';
import { ScoringErrorCode, ScoringException, toScoringGraphQLError } from '../../scoring/scoring.exception';
import { TiersErrorCode, TiersException, toTiersGraphQLError } from '../../tiers/tiers.exception';
import { CLIENT_ERROR_MAPPINGS } from '../client-error-mappings';
import { formatGraphQLError } from '../format-graphql-error';

const PATH = ['customer'];
const LOCATIONS = [{ line: 1, column: 3 }];

/** What a resolver's throw looks like by the time Apollo formats it (graphql-js wraps it with its path). */
function formatThrown(thrown: unknown): GraphQLFormattedError {
  const located = new GraphQLError(thrown instanceof Error ? thrown.message : String(thrown), {
    path: PATH,
    originalError: thrown instanceof Error ? thrown : undefined,
  });
  const json = located.toJSON();
  // Apollo adds the default code, and a stack trace outside production.
  const formatted = {
    ...json,
    locations: LOCATIONS,
    extensions: { ...json.extensions, code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret.ts:1'] },
  };
  return formatGraphQLError(formatted, located);
}

const fieldErrors = [
  { field: 'input.tiers.0.retainScore', code: 'RETAIN_ABOVE_ENTRY', messages: ['too high'] },
];

/** One instance per code of every typed error, with the details each carries, and its module's mapper. */
const cases: { name: string; error: Error; expected: GraphQLError }[] = [
  ...Object.values(ApiKeyErrorCode).map((code) => {
    const error = new ApiKeyException(code, `api key ${code}`);
    return { name: `ApiKeyException ${code}`, error, expected: toApiKeyClientError(error) };
  }),
  ...Object.values(CampaignErrorCode).map((code) => {
    const error = new CampaignException(code, `campaign ${code}`, {
      fieldErrors: [{ field: 'input.name', messages: ['empty'] }],
      status: 'ACTIVE',
      from: 'DRAFT',
      to: 'ENDED',
      reason: RedemptionRefusal.CAP_REACHED_PERIOD,
    });
    return { name: `CampaignException ${code}`, error, expected: toCampaignGraphQLError(error) };
  }),
  ...Object.values(RedemptionRefusal).map((reason) => {
    const error = CampaignException.refused(reason);
    return { name: `CampaignException refused ${reason}`, error, expected: toCampaignGraphQLError(error) };
  }),
  ...Object.values(CustomerErrorCode).map((code) => {
    const error = new CustomerException(code, `customer ${code}`, 'filter.minScore');
    return { name: `CustomerException ${code}`, error, expected: toCustomerGraphQLError(error) };
  }),
  ...Object.values(InteractionErrorCode).map((code) => {
    const error = new InteractionException(code, `interaction ${code}`, [
      { field: 'input.occurredAt', messages: ['in the future'] },
    ]);
    return { name: `InteractionException ${code}`, error, expected: toInteractionClientError(error) };
  }),
  ...Object.values(ScoringErrorCode).map((code) => {
    const error = new ScoringException(code, `scoring ${code}`, { fieldErrors });
    return { name: `ScoringException ${code}`, error, expected: toScoringGraphQLError(error) };
  }),
  ...Object.values(TiersErrorCode).map((code) => {
    const error = new TiersException(code, `tiers ${code}`, { field: 'input.until', fieldErrors });
    return { name: `TiersException ${code}`, error, expected: toTiersGraphQLError(error) };
  }),
];

describe('formatGraphQLError: the one mapping from errors to what the client sees', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterAll(() => jest.restoreAllMocks());

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: its module’s mapping, with the path, no stack trace',
    (_name, { error, expected }) => {
      const formatted = formatThrown(error);
      expect(formatted).toEqual({
        message: expected.message,
        locations: LOCATIONS,
        path: PATH,
        extensions: expected.extensions,
      });
      expect(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']).toContain(formatted.extensions?.code);
    },
  );

  it('maps a typed error on the socket path too (graphql-ws hands the wrapped error)', () => {
    const error = new CustomerException(CustomerErrorCode.NotFound, 'Customer not found');
    const located = new GraphQLError(error.message, { path: PATH, originalError: error });
    expect(formatGraphQLError(located.toJSON(), located)).toEqual({
      message: 'Customer not found',
      path: PATH,
      extensions: { code: 'NOT_FOUND', reason: CustomerErrorCode.NotFound },
    });
  });

  it('knows every typed error class the api defines (each *.exception.ts)', async () => {
    const root = join(__dirname, '..', '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.exception.ts'),
    );
    expect(files.length).toBeGreaterThanOrEqual(6);
    const modules = await Promise.all(
      files.map(async (file) => (await import(join(root, file))) as Record<string, unknown>),
    );
    const classes = modules.flatMap((exports) =>
      Object.values(exports).filter(
        (value): value is abstract new (...args: never[]) => Error =>
          typeof value === 'function' && (value as { prototype: unknown }).prototype instanceof Error,
      ),
    );
    const mapped = new Set(CLIENT_ERROR_MAPPINGS.map(({ type }) => type));
    expect(classes.filter((type) => !mapped.has(type)).map((type) => type.name)).toEqual([]);
    expect(classes).toHaveLength(CLIENT_ERROR_MAPPINGS.length);
  });

  it.each([
    ['an Error', new Error('duplicate key value violates unique constraint "customers_email" (a@b.c)')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'secretHash')")],
    ['an Error subclass that is not mapped', new (class DatabaseError extends Error {})('password=hunter2')],
    ['a thrown string', 'internal detail: SELECT * FROM api_keys'],
  ])('%s becomes INTERNAL_SERVER_ERROR with a correlation id and no internal message', (_kind, thrown) => {
    const formatted = formatThrown(thrown);
    const internal = thrown instanceof Error ? thrown.message : thrown;
    expect(formatted.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(formatted.message).toBe(
      `Internal server error (correlation id ${formatted.extensions?.correlationId as string})`,
    );
    expect(formatted.path).toEqual(PATH);
    expect(JSON.stringify(formatted)).not.toContain(internal);
    expect(JSON.stringify(formatted)).not.toContain('secret.ts');
  });

  it('keeps a client error built elsewhere (guards, validation) as it is, without its stack trace', () => {
    const error = new GraphQLError('This API key lacks the scope(s): tiers:write', {
      path: PATH,
      extensions: { code: 'FORBIDDEN', missingScopes: ['tiers:write'] },
    });
    expect(
      formatGraphQLError(
        { ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['x'] } },
        error,
      ),
    ).toEqual({
      message: 'This API key lacks the scope(s): tiers:write',
      path: PATH,
      extensions: { code: 'FORBIDDEN', missingScopes: ['tiers:write'] },
    });
  });
});
