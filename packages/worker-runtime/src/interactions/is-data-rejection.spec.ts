import { isDataRejection } from './is-data-rejection';

describe('isDataRejection', () => {
  it.each([
    [{ code: '22003' }, true], // numeric value out of range
    [{ code: '22021' }, true], // NUL byte in text
    [{ driverError: { code: '23505' } }, true], // unique violation, as TypeORM wraps it
    [{ code: '40001' }, false], // serialization failure: retry
    [{ code: '40P01' }, false], // deadlock: retry
    [{ code: '08006' }, false], // connection failure: retry
    [{ code: 'ECONNREFUSED' }, false],
    [new Error('boom'), false],
    [null, false],
  ])('%p → %p', (error, expected) => {
    expect(isDataRejection(error)).toBe(expected);
  });
});
