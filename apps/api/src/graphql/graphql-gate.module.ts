import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { GraphQLWsGate } from './graphql-ws-gate.service.js';

/** Provides the graphql-ws gate to the GraphQL module's options factory. */
@Module({ imports: [AuthModule], providers: [GraphQLWsGate], exports: [GraphQLWsGate] })
export class GraphQLGateModule {}
