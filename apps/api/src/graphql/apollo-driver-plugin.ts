import type { ApolloDriverConfig } from '@nestjs/apollo';

/**
 * Apollo Server's plugin type as @nestjs/apollo sees it. Apollo ships CJS and ESM type
 * copies; Nest resolves the ESM ones, this CommonJS build the CJS ones, and TypeScript
 * treats the two as different classes.
 */
export type ApolloDriverPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];
