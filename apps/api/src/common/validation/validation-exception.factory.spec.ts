// class-transformer's @Type reads decorator metadata (the app loads this polyfill through Nest).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateNested } from 'class-validator';
import { validate } from 'class-validator';
import { flattenValidationErrors, validationExceptionFactory } from './validation-exception.factory';

class Tier {
  @IsInt()
  @Min(0)
  capacity!: number;
}

class Ladder {
  @IsInt()
  @Max(10)
  version!: number;

  @ValidateNested({ each: true })
  @Type(() => Tier)
  tiers!: Tier[];
}

describe('validation errors', () => {
  it('names every invalid field with its path, nested lists included', async () => {
    const ladder = Object.assign(new Ladder(), {
      version: 11,
      tiers: [Object.assign(new Tier(), { capacity: 1 }), Object.assign(new Tier(), { capacity: -1 })],
    });
    const fieldErrors = flattenValidationErrors(await validate(ladder));
    expect(fieldErrors).toEqual([
      { field: 'version', messages: ['version must not be greater than 10'] },
      { field: 'tiers.1.capacity', messages: ['capacity must not be less than 0'] },
    ]);
  });

  it('becomes a BAD_USER_INPUT GraphQL error carrying the field errors', async () => {
    const error = validationExceptionFactory(
      await validate(Object.assign(new Ladder(), { version: 99, tiers: [] })),
    );
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ field: 'version', messages: ['version must not be greater than 10'] }],
    });
  });
});
