import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '@inner-circle/config';
import { APP_CONFIG } from '@inner-circle/nest-runtime';
import {
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket } from 'ws';
import { ApiKeysService } from '../auth/api-keys.service.js';
import type { Caller } from '../auth/caller.js';
import type { ApolloDriverPlugin } from './apollo-driver-plugin.js';
import { boundSubscription } from './bounded-subscription.js';
import { maskGraphQLError } from './format-graphql-error.js';
import { createValidationRules, parseOperation } from './operation-rules.js';

/** Close codes of the socket, as documented in the README (4400–4499: the client's doing). */
export const WS_CLOSE = {
  /** No key, an unknown key, or a key revoked (or its business deleted) while connected. */
  forbidden: 4403,
  /** Too many connections, in total or for this key. */
  tooManyConnections: 4429,
  /** The subscriber did not read its events fast enough. */
  slowConsumer: 4408,
} as const;

interface SocketState {
  caller: Caller;
  authorization: string;
  subscriptions: Set<string>;
}

type GateContext = Context<Record<string, unknown> | undefined, Extra>;

/**
 * The graphql-ws side of the one gate every operation passes: @nestjs/graphql hands
 * graphql-ws the bare schema, so nothing of Apollo's (validation rules, introspection
 * policy, error formatting) applies there. This service gives the socket the same parse
 * (token limit), the same validation rules (`createValidationRules`), authentication at
 * connection time, and the same error masking; and it adds what only a long-lived
 * connection needs: subscriptions only, caps per key and in total, a bounded queue per
 * subscriber, and the socket closed within seconds of its key being revoked.
 */
@Injectable()
export class GraphQLWsGate implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GraphQLWsGate.name);
  private readonly rules: readonly ValidationRule[];
  private readonly sockets = new Map<WebSocket, SocketState>();
  private readonly socketsByKey = new Map<string, Set<WebSocket>>();
  private subscriptionCount = 0;
  private schema: GraphQLSchema | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private rechecking = false;

  constructor(
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {
    this.rules = [...specifiedRules, ...createValidationRules(config)];
  }

  onModuleInit(): void {
    this.recheck = setInterval(
      () => void this.closeRevoked(),
      this.config.subscriptions.keyRecheckSeconds * 1000,
    );
    this.recheck.unref();
  }

  /**
   * ws accepts messages of up to 100 MiB by default, and @nestjs/graphql creates its
   * WebSocketServer without a way to pass options: the limit is set on that server once
   * it exists (GraphQLModule's init), before the first socket connects. A larger message
   * closes its socket with 1009.
   */
  onApplicationBootstrap(): void {
    const adapter = this.moduleRef.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as {
      _subscriptionService?: { wss?: { options: { maxPayload?: number } } };
    };
    const wss = adapter._subscriptionService?.wss;
    if (!wss) {
      this.logger.warn('graphql-ws server not found: the message size limit is not applied');
      return;
    }
    wss.options.maxPayload = this.config.subscriptions.maxMessageBytes;
  }

  onApplicationShutdown(): void {
    clearInterval(this.recheck);
  }

  /** An Apollo plugin that hands the gate the schema Apollo serves, so both transports validate against one schema. */
  schemaPlugin(): ApolloDriverPlugin {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the plugin object has its own `this`.
    const gate = this;
    return {
      // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook is async by contract.
      async serverWillStart({ schema }: { schema: GraphQLSchema }) {
        gate.schema = schema;
      },
    };
  }

  /** The options @nestjs/graphql spreads over its own when it starts graphql-ws. */
  serverOptions(): Partial<ServerOptions<Record<string, unknown> | undefined, Extra>> {
    return {
      onConnect: (ctx) => this.connect(ctx),
      onSubscribe: (ctx, id, payload) => this.subscribe(ctx, id, payload),
      onOperation: (ctx, _id, _payload, _args, result) => this.bound(ctx, result),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => this.mask(error)) } : undefined,
      onError: (ctx, id, _payload, errors) => {
        this.release(ctx, id);
        return errors.map((error) => this.mask(error));
      },
      onComplete: (ctx, id) => this.release(ctx, id),
      onClose: (ctx) => this.unregister(ctx.extra.socket),
    };
  }

  /** Counts of what is open, for health and tests. */
  stats(): { connections: number; subscriptions: number } {
    return { connections: this.sockets.size, subscriptions: this.subscriptionCount };
  }

  /** Closes every socket whose key is no longer active (revoked, or its business deleted). */
  async closeRevoked(): Promise<void> {
    if (this.rechecking || this.socketsByKey.size === 0) return;
    this.rechecking = true;
    try {
      const keyIds = [...this.socketsByKey.keys()];
      const active = await this.apiKeys.activeKeyIds(keyIds);
      for (const keyId of keyIds) {
        if (active.has(keyId)) continue;
        for (const socket of this.socketsByKey.get(keyId) ?? []) {
          socket.close(WS_CLOSE.forbidden, 'The API key has been revoked');
          this.unregister(socket);
        }
      }
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'socket key recheck failed');
    } finally {
      this.rechecking = false;
    }
  }

  private async connect(ctx: GateContext): Promise<boolean> {
    const { socket } = ctx.extra;
    const limits = this.config.subscriptions;
    if (this.sockets.size >= limits.maxConnections) {
      return this.refuse(socket, WS_CLOSE.tooManyConnections, 'Too many connections');
    }
    const params = ctx.connectionParams ?? {};
    const header = params.authorization ?? params.Authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const caller = token ? await this.apiKeys.authenticate(token) : null;
    if (!caller) {
      return this.refuse(
        socket,
        WS_CLOSE.forbidden,
        'A valid API key is required: connectionParams { authorization: "Bearer <key>" }',
      );
    }
    const ofKey = this.socketsByKey.get(caller.apiKeyId) ?? new Set<WebSocket>();
    if (ofKey.size >= limits.maxConnectionsPerKey || this.sockets.size >= limits.maxConnections) {
      return this.refuse(socket, WS_CLOSE.tooManyConnections, 'Too many connections for this API key');
    }
    if (socket.readyState !== socket.OPEN) return false;
    ofKey.add(socket);
    this.socketsByKey.set(caller.apiKeyId, ofKey);
    this.sockets.set(socket, { caller, authorization: header as string, subscriptions: new Set() });
    return true;
  }

  private refuse(socket: WebSocket, code: number, reason: string): false {
    socket.close(code, reason);
    return false;
  }

  private subscribe(
    ctx: GateContext,
    id: string,
    payload: { query: unknown; operationName?: string | null; variables?: Record<string, unknown> | null },
  ): ExecutionArgs | readonly GraphQLError[] {
    const state = this.sockets.get(ctx.extra.socket);
    if (!state) {
      return [
        new GraphQLError('The connection is not authenticated', { extensions: { code: 'UNAUTHENTICATED' } }),
      ];
    }
    // Apollo hands over the schema before the server listens: a missing one is a bug (masked, logged).
    if (!this.schema) return [new GraphQLError('The GraphQL schema is not ready')];
    const document = parseOperation(payload.query);
    if (document instanceof GraphQLError) return [document];
    const invalid = validate(this.schema, document, this.rules);
    if (invalid.length) {
      return invalid.map((error) =>
        error.extensions.code
          ? error
          : new GraphQLError(error.message, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
      );
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) {
      return [
        new GraphQLError('Unable to identify the operation to run', {
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        }),
      ];
    }
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [
        new GraphQLError(
          'Only subscriptions are served over graphql-ws; send queries and mutations to POST /graphql',
          { extensions: { code: 'BAD_REQUEST' } },
        ),
      ];
    }
    const limits = this.config.subscriptions;
    const ofKey = [...(this.socketsByKey.get(state.caller.apiKeyId) ?? [])].reduce(
      (sum, socket) => sum + (this.sockets.get(socket)?.subscriptions.size ?? 0),
      0,
    );
    if (ofKey >= limits.maxSubscriptionsPerKey || this.subscriptionCount >= limits.maxSubscriptions) {
      return [
        new GraphQLError('Too many subscriptions for this API key; close some first', {
          extensions: { code: 'RATE_LIMITED', retryAfter: 1 },
        }),
      ];
    }
    state.subscriptions.add(id);
    this.subscriptionCount++;
    return {
      schema: this.schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      // What the guards and loaders read, as for HTTP: the caller comes from onConnect.
      contextValue: { req: { headers: { authorization: state.authorization }, caller: state.caller } },
    };
  }

  private bound<R>(ctx: GateContext, result: R): R | void {
    if (!result || typeof result !== 'object' || !(Symbol.asyncIterator in result)) return;
    const { socket } = ctx.extra;
    return boundSubscription(
      result as AsyncIterable<unknown>,
      this.config.subscriptions.subscriberQueue,
      () => {
        this.logger.warn(
          { businessId: this.sockets.get(socket)?.caller.businessId },
          'slow subscriber disconnected: its queue is full',
        );
        socket.close(WS_CLOSE.slowConsumer, 'Events were not read fast enough');
      },
    ) as unknown as R;
  }

  private release(ctx: GateContext, id: string): void {
    const state = this.sockets.get(ctx.extra.socket);
    if (state?.subscriptions.delete(id)) this.subscriptionCount--;
  }

  private unregister(socket: WebSocket): void {
    const state = this.sockets.get(socket);
    if (!state) return;
    this.sockets.delete(socket);
    this.subscriptionCount -= state.subscriptions.size;
    const ofKey = this.socketsByKey.get(state.caller.apiKeyId);
    ofKey?.delete(socket);
    if (ofKey?.size === 0) this.socketsByKey.delete(state.caller.apiKeyId);
  }

  private mask(error: GraphQLError) {
    return maskGraphQLError(error, !this.config.graphql.introspection);
  }
}
