/**
 * Turns an API error into sentences for a person: one general sentence, plus the messages of
 * each invalid field (from `extensions.fieldErrors`) keyed by the field's path, so a form can
 * show them next to the field that caused them. Never raw JSON.
 */
export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface ErrorLike {
  graphQLErrors?: readonly GraphQLErrorLike[];
  networkError?: Error | { message: string } | null;
}

export interface DescribedError {
  message: string;
  code?: string;
  /** `tiers.0.capacity` → its messages (the argument name, e.g. `input.`, is dropped). */
  fieldErrors: Record<string, string[]>;
}

const SENTENCES: Record<string, string> = {
  UNAUTHENTICATED: 'The API key was not accepted. It may have been revoked: sign in again with a valid key.',
  FORBIDDEN: 'This API key is not allowed to do that.',
  NOT_FOUND: 'That no longer exists, or it belongs to another business.',
  CONFLICT: 'That conflicts with the current state; reload and try again.',
  INTERNAL_SERVER_ERROR: 'The server could not complete this request.',
};

export function normaliseFieldPath(field: string): string {
  return field.replace(/^(input|filter)\./, '');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

export function describeError(error: ErrorLike | null | undefined): DescribedError | null {
  if (!error) return null;
  const fieldErrors: Record<string, string[]> = {};
  const first = error.graphQLErrors?.[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
    for (const graphQLError of error.graphQLErrors ?? []) {
      const list = graphQLError.extensions?.fieldErrors;
      if (!Array.isArray(list)) continue;
      for (const item of list as { field?: unknown; messages?: unknown }[]) {
        if (typeof item.field !== 'string' || !Array.isArray(item.messages)) continue;
        const path = normaliseFieldPath(item.field);
        fieldErrors[path] = [...(fieldErrors[path] ?? []), ...item.messages.map((m) => sentence(String(m)))];
      }
    }
    let message: string;
    if (Object.keys(fieldErrors).length > 0) message = 'Some values need attention; see the marked fields.';
    else if (code === 'BAD_USER_INPUT' || code === 'CONFLICT' || code === 'NOT_FOUND' || code === 'FORBIDDEN')
      message = sentence(first.message) || (SENTENCES[code] ?? '');
    else if (code && SENTENCES[code]) {
      const id = first.extensions?.correlationId;
      message = SENTENCES[code] + (typeof id === 'string' ? ` Quote reference ${id} to support.` : '');
    } else message = sentence(first.message);
    return { message, ...(code ? { code } : {}), fieldErrors };
  }
  if (error.networkError) {
    return {
      message: 'The API could not be reached. Check your connection; the request can be retried.',
      fieldErrors,
    };
  }
  return { message: 'Something went wrong.', fieldErrors };
}

/** Messages for one field, also matching a parent path the API reported (`tiers.0` for `tiers.0.name`). */
export function fieldMessages(described: DescribedError | null, path: string): string[] {
  if (!described) return [];
  return described.fieldErrors[path] ?? [];
}

/**
 * The messages to show beside a field of a form that previews before it saves: the console's own
 * check first, then the save's answer, then the preview's (what-if) answer.
 */
export function fieldProblems(
  local: Record<string, string[]>,
  saveError: DescribedError | null,
  previewError: DescribedError | null,
): (path: string) => string[] {
  return (path) => {
    if (local[path]) return local[path];
    const fromSave = fieldMessages(saveError, path);
    return fromSave.length ? fromSave : fieldMessages(previewError, path);
  };
}
