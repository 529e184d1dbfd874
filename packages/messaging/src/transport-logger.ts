/** The subset of a pino logger the transports use: structured fields first, then the message. */
export interface TransportLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;

/** The default: libraries stay quiet unless the app hands them its logger. */
export const silentLogger: TransportLogger = { debug: noop, info: noop, warn: noop, error: noop };

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
