import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { fr } from '@codegouvfr/react-dsfr';
import { ApiError } from '../../api';

/**
 * Runs an API call for a form: keeps `busy`, and the error to show (the French message of the API, and
 * per-field messages keyed by path, e.g. "body.nir").
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', 'Une erreur technique est survenue. Réessayez dans quelques instants.'));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const field = (path: string) => error?.fields.find((f) => f.path === path)?.message;
  return { busy, error, setError, run, field };
}

/** The error of a form, announced to screen readers and focused so that keyboard users land on it. */
export function FormError({ error }: { error: ApiError | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className={fr.cx('fr-mb-3w')}>
      <Alert severity="error" small description={error.message} />
    </div>
  );
}

/** A confirmation, announced politely. */
export function Notice({ children }: { children: NonNullable<ReactNode> }) {
  return (
    <div role="status" className={fr.cx('fr-mb-3w')}>
      <Alert severity="success" small description={children} />
    </div>
  );
}

/** A step's heading: focused when the step appears, so that the page is read from there. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} tabIndex={-1} className={fr.cx('fr-h4')}>
      {children}
    </h2>
  );
}

/** Input state props for a field error. */
export function fieldState(message: string | undefined) {
  return message ? { state: 'error' as const, stateRelatedMessage: message } : {};
}
