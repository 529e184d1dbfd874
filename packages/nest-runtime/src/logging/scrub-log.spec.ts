import { scrubLogValue } from './scrub-log';

class QueryFailedLike extends Error {
  query = 'INSERT INTO customers (name, email) VALUES ($1, $2)';
  parameters = ['Ann Secret', 'ann@example.com'];
  driverError = { detail: 'Key (email)=(ann@example.com) already exists.' };
}

describe('scrubLogValue', () => {
  it('drops SQL and bound values at any depth, errors and their causes included', () => {
    const error = new QueryFailedLike('duplicate key value violates unique constraint');
    const scrubbed = scrubLogValue({ err: error, nested: { deeper: { wrapped: { cause: error } } } });
    const text = JSON.stringify(scrubbed);
    expect(text).not.toMatch(/Ann Secret|ann@example.com|INSERT INTO/);
    expect(text).toContain('duplicate key value violates unique constraint');
  });

  it('keeps the class, message and stack of an error', () => {
    const scrubbed = scrubLogValue(new QueryFailedLike('boom')) as Error;
    expect(scrubbed).toBeInstanceOf(QueryFailedLike);
    expect(scrubbed.message).toBe('boom');
    expect(scrubbed.stack).toContain('boom');
    expect(Object.keys(scrubbed)).not.toContain('parameters');
  });

  it('keeps everything else as it was', () => {
    expect(scrubLogValue({ businessId: 'b', count: 3, list: [1, { a: 'x' }] })).toEqual({
      businessId: 'b',
      count: 3,
      list: [1, { a: 'x' }],
    });
  });
});
