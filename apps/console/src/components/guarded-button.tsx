import { useId, type ButtonHTMLAttributes } from 'react';
import type { ApiKeyScope } from '../gql/graphql';
import { useAccess } from './access-context';

/** A button that is disabled, with the reason beside it, when the key lacks the scope it needs. */
export function GuardedButton({
  scope,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { scope: ApiKeyScope }) {
  const verdict = useAccess(scope);
  const reasonId = useId();
  if (verdict.allowed) return <button {...props}>{children}</button>;
  return (
    <span className="guarded">
      <button {...props} disabled aria-describedby={reasonId}>
        {children}
      </button>
      <span className="reason" id={reasonId}>
        {verdict.reason}
      </span>
    </span>
  );
}
