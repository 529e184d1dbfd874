import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { type FieldError, invalidInput, validationExceptionFactory } from './validation-exception.factory.js';

/**
 * The global ValidationPipe, with field paths that start at the GraphQL argument
 * (`input.tiers.0.name`, as the domain-rule errors do) rather than inside it: only the
 * pipe knows which argument (`@Args('input')`) it is validating.
 */
@Injectable()
export class ArgumentValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: validationExceptionFactory,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const fieldErrors =
        error instanceof GraphQLError
          ? (error.extensions.fieldErrors as FieldError[] | undefined)
          : undefined;
      if (!metadata.data || !fieldErrors) throw error;
      throw invalidInput(
        fieldErrors.map(({ field, messages }) => ({ field: `${metadata.data}.${field}`, messages })),
      );
    }
  }
}
