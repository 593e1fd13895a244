import type { ReactNode } from 'react';
import { fieldError } from '../api-error.ts';

/** A labelled control with the server's message for its field right under it. */
export function SetupField({
  label,
  hint,
  field,
  error,
  children,
}: {
  label: string;
  hint?: string;
  field: string;
  error: unknown;
  children: ReactNode;
}) {
  const message = fieldError(error, field);
  return (
    <label className={message ? 'setup-field has-error' : 'setup-field'}>
      {label}
      {hint && <span className="setup-hint"> ({hint})</span>}
      {children}
      {message && (
        <span className="error" role="alert" data-testid={`setup-error-${field}`}>
          {message}
        </span>
      )}
    </label>
  );
}
