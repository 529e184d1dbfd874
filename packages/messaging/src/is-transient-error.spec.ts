import { isTransientError, TransientError } from './is-transient-error.js';

function withProps(message: string, props: Record<string, unknown>): Error {
  return Object.assign(new Error(message), props);
}

function kafkaError(name: string, retriable: boolean): Error {
  const error = new Error(name);
  error.name = name;
  return Object.assign(error, { retriable });
}

describe('isTransientError', () => {
  it.each<[string, unknown, boolean]>([
    ['ECONNREFUSED', withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }), true],
    ['ECONNRESET', withProps('read ECONNRESET', { code: 'ECONNRESET' }), true],
    ['ETIMEDOUT', withProps('timeout', { code: 'ETIMEDOUT' }), true],
    ['EAI_AGAIN', withProps('getaddrinfo EAI_AGAIN db', { code: 'EAI_AGAIN' }), true],
    ['PG serialization failure 40001', withProps('could not serialize access', { code: '40001' }), true],
    ['PG deadlock 40P01', withProps('deadlock detected', { code: '40P01' }), true],
    ['PG admin shutdown 57P01', withProps('terminating connection', { code: '57P01' }), true],
    ['PG cannot connect now 57P03', withProps('the database system is starting up', { code: '57P03' }), true],
    ['PG connection exception 08006', withProps('connection failure', { code: '08006' }), true],
    ['PG connection does not exist 08003', withProps('no connection', { code: '08003' }), true],
    ['PG too many connections 53300', withProps('too many clients', { code: '53300' }), true],
    ['PG lock not available 55P03', withProps('could not obtain lock', { code: '55P03' }), true],
    [
      'PG statement timeout 57014',
      withProps('canceling statement due to statement timeout', { code: '57014' }),
      true,
    ],
    [
      'TypeORM QueryFailedError wrapping 40001',
      withProps('query failed', { name: 'QueryFailedError', driverError: { code: '40001' } }),
      true,
    ],
    [
      'error with a transient cause',
      new Error('outer', { cause: withProps('inner', { code: 'ECONNRESET' }) }),
      true,
    ],
    [
      'AggregateError with one transient member',
      new AggregateError([new Error('x'), withProps('y', { code: 'ECONNREFUSED' })]),
      true,
    ],
    ['pg "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly'), true],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['kafkajs retriable protocol error', kafkaError('KafkaJSProtocolError', true), true],
    ['kafkajs connection error', kafkaError('KafkaJSConnectionError', false), true],
    ['kafkajs request timeout', kafkaError('KafkaJSRequestTimeoutError', false), true],
    [
      'kafkajs retries exceeded wrapping a retriable error',
      Object.assign(kafkaError('KafkaJSNumberOfRetriesExceeded', false), {
        originalError: kafkaError('KafkaJSConnectionError', true),
      }),
      true,
    ],
    ['TransientError', new TransientError('try later'), true],
    ['an error flagged transient', withProps('flaky', { transient: true }), true],
    ['PG unique violation 23505', withProps('duplicate key', { code: '23505' }), false],
    ['PG syntax error 42601', withProps('syntax error', { code: '42601' }), false],
    ['PG check violation 23514', withProps('violates check', { code: '23514' }), false],
    ['PG disk full 53100', withProps('disk full', { code: '53100' }), false],
    ['kafkajs non-retriable protocol error', kafkaError('KafkaJSProtocolError', false), false],
    [
      'kafkajs retries exceeded wrapping a fatal error',
      Object.assign(kafkaError('KafkaJSNumberOfRetriesExceeded', false), {
        originalError: kafkaError('KafkaJSProtocolError', false),
      }),
      false,
    ],
    ['a TypeError', new TypeError('cannot read properties of undefined'), false],
    ['a plain Error', new Error('boom'), false],
    ['a string', 'ECONNREFUSED', false],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a numeric code', withProps('x', { code: 40001 }), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isTransientError(error)).toBe(expected);
  });

  it('does not loop on a cyclic cause', () => {
    const error = new Error('cyclic') as Error & { cause?: unknown };
    const inner = new Error('inner', { cause: error });
    error.cause = inner;
    expect(isTransientError(error)).toBe(false);
  });
});
