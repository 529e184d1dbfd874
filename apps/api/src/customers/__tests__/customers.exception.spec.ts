import { CustomerErrorCode, CustomerException, toCustomerGraphQLError } from '../customers.exception';

describe('toCustomerGraphQLError', () => {
  it.each([
    [CustomerErrorCode.NotFound, 'NOT_FOUND'],
    [CustomerErrorCode.ExternalRefTaken, 'CONFLICT'],
    [CustomerErrorCode.Erased, 'CONFLICT'],
    [CustomerErrorCode.InvalidScoreRange, 'BAD_USER_INPUT'],
    [CustomerErrorCode.InvalidCursor, 'BAD_USER_INPUT'],
  ])('maps %s to %s with the reason and field', (code, expected) => {
    const error = toCustomerGraphQLError(new CustomerException(code, 'message', 'input.x'));
    expect(error.message).toBe('message');
    expect(error.extensions).toEqual({ code: expected, reason: code, field: 'input.x' });
  });
});
