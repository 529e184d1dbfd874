import type { DescribedError } from '../errors/describe-error';

/** An API error as a sentence, announced to screen readers, next to what caused it. */
export function ErrorText({ error, id }: { error: DescribedError | null | undefined; id?: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" id={id}>
      {error.message}
    </p>
  );
}

export function FieldMessages({ messages, id }: { messages: readonly string[]; id: string }) {
  if (messages.length === 0) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {messages.join(' ')}
    </span>
  );
}
