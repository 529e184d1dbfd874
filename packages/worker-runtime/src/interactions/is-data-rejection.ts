/**
 * PostgreSQL refused the values themselves (SQLSTATE class 22 "data exception", e.g. a
 * numeric overflow or a NUL byte in text; class 23 "integrity constraint violation"):
 * replaying the same message can never succeed, unlike a lost connection or a deadlock.
 */
export function isDataRejection(error: unknown): boolean {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ??
    (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
