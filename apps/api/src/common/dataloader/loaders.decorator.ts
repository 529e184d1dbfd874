import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from '../../auth/auth.decorators.js';
import { loadersOf, type RequestLoaders } from './request-loaders.js';

/** The current request's DataLoaders: `@Loaders() loaders: RequestLoaders`. */
export const Loaders = createParamDecorator((_data: unknown, context: ExecutionContext): RequestLoaders =>
  loadersOf(requestOf(context)),
);
