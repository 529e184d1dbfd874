import { waitFor } from '@inner-circle/dev-services/wait-for';
import WebSocket from 'ws';

export interface WsMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface WsErrorPayload {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * A raw graphql-transport-ws client: the tests see exactly what the server sends,
 * close codes included (graphql-ws's own client hides them behind retries).
 */
export interface WsTestClient {
  messages: WsMessage[];
  closed: { code: number; reason: string } | undefined;
  /** Resolves when the server acknowledged the connection, or when it closed it. */
  ready: Promise<'ack' | 'closed'>;
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  complete(id: string): void;
  sendRaw(data: string): void;
  /** Messages of one operation. */
  of(id: string): WsMessage[];
  /** Waits for the operation's first `next`, `error` or `complete`. */
  answer(id: string): Promise<WsMessage>;
  close(): Promise<void>;
  socket: WebSocket;
}

/** Waits (generously, polling often) until a condition on received messages holds. */
export function until(condition: () => boolean, what: string): Promise<true> {
  return waitFor(() => Promise.resolve(condition() ? true : undefined), what, 30_000, 20);
}

export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

export function openWs(
  url: string,
  connectionParams: Record<string, unknown> | undefined,
  { init = true }: { init?: boolean } = {},
): WsTestClient {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const client: WsTestClient = {
    messages: [],
    closed: undefined,
    socket,
    ready: new Promise((resolve) => {
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as WsMessage;
        client.messages.push(message);
        if (message.type === 'connection_ack') resolve('ack');
      });
      socket.on('close', (code, reason) => {
        client.closed = { code, reason: String(reason) };
        resolve('closed');
      });
      socket.on('error', () => undefined);
    }),
    subscribe(id, query, variables) {
      socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query, variables } }));
    },
    complete(id) {
      socket.send(JSON.stringify({ type: 'complete', id }));
    },
    sendRaw(data) {
      socket.send(data);
    },
    of(id) {
      return client.messages.filter((message) => message.id === id);
    },
    async answer(id) {
      await until(
        () => client.of(id).length > 0 || client.closed !== undefined,
        `an answer to operation ${id}`,
      );
      const first = client.of(id)[0];
      if (!first) throw new Error(`socket closed before answering ${id}: ${JSON.stringify(client.closed)}`);
      return first;
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await until(() => client.closed !== undefined, 'the socket to close');
    },
  };
  if (init) {
    socket.on('open', () =>
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          ...(connectionParams ? { payload: connectionParams } : {}),
        }),
      ),
    );
  }
  return client;
}

/** The errors of an `error` message, or of a `next` result. */
export function errorsOf(message: WsMessage): WsErrorPayload[] {
  if (message.type === 'error') return message.payload as WsErrorPayload[];
  return (message.payload as { errors?: WsErrorPayload[] } | undefined)?.errors ?? [];
}
