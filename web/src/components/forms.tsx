import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { fr } from '@codegouvfr/react-dsfr';
import { useMutation } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { ApiError } from '../api';
import { shownError } from '../query';
import { defineMessages } from '../i18n/messages';

const m = defineMessages({
  birthDateHint: { id: 'shell.birthDate.hint', defaultMessage: 'Par exemple : 14 6 1985' },
  day: { id: 'shell.birthDate.day', defaultMessage: 'Jour' },
  month: { id: 'shell.birthDate.month', defaultMessage: 'Mois' },
  year: { id: 'shell.birthDate.year', defaultMessage: 'Année' },
});

/**
 * Runs an API call for a form, as a TanStack mutation: keeps `busy`, and the error to show (the message
 * of the API, and per-field messages keyed by path, e.g. "body.nir"). `run` resolves to undefined on failure.
 * Server data changed by the call is refreshed by invalidating its query keys (see web/src/query.ts).
 */
export function useAction() {
  const mutation = useMutation<unknown, unknown, () => Promise<unknown>>({ mutationFn: (fn) => fn() });
  const { mutateAsync } = mutation;
  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
      try {
        return (await mutateAsync(fn)) as T;
      } catch {
        return undefined;
      }
    },
    [mutateAsync],
  );
  const error = shownError(mutation.error);
  const field = (path: string) => error?.fields.find((f) => f.path === path)?.message;
  return { busy: mutation.isPending, error, run, field };
}

/** The error of a form, announced to screen readers and focused so that keyboard users land on it. */
export function FormError({ error }: { error: ApiError | null }) {
  const intl = useIntl();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className={fr.cx('fr-mb-3w')}>
      <Alert severity="error" small description={error.localized(intl)} />
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

/**
 * A birth date as three short fields (jour, mois, année): easier to type than a calendar for a date long
 * past, and the same on every browser. `onChange` gets 'YYYY-MM-DD', or '' while incomplete.
 */
export function BirthDateField({
  id,
  legend,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  onChange: (iso: string) => void;
  error?: string;
}) {
  const intl = useIntl();
  const [parts, setParts] = useState({ d: '', m: '', y: '' });
  const update = (k: 'd' | 'm' | 'y') => (e: { target: { value: string } }) => {
    const next = { ...parts, [k]: e.target.value.replace(/\D/g, '') };
    setParts(next);
    onChange(
      next.d && next.m && next.y.length === 4 ? `${next.y}-${next.m.padStart(2, '0')}-${next.d.padStart(2, '0')}` : '',
    );
  };
  const cell = (k: 'd' | 'm' | 'y', label: string, max: number, width: string, autoComplete: string) => (
    <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
      <div className={fr.cx('fr-input-group', error ? 'fr-input-group--error' : undefined)}>
        <label className={fr.cx('fr-label')} htmlFor={`${id}-${k}`}>
          {label}
        </label>
        <input
          className={fr.cx('fr-input', error ? 'fr-input--error' : undefined)}
          style={{ width }}
          id={`${id}-${k}`}
          inputMode="numeric"
          maxLength={max}
          autoComplete={autoComplete}
          value={parts[k]}
          onChange={update(k)}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
        />
      </div>
    </div>
  );
  return (
    <fieldset
      className={fr.cx('fr-fieldset', error ? 'fr-fieldset--error' : undefined)}
      role="group"
      aria-labelledby={`${id}-legend`}
    >
      <legend className={fr.cx('fr-fieldset__legend')} id={`${id}-legend`}>
        {legend}
        <span className={fr.cx('fr-hint-text')} id={`${id}-hint`}>
          {intl.formatMessage(m.birthDateHint)}
        </span>
      </legend>
      {cell('d', intl.formatMessage(m.day), 2, '4rem', 'bday-day')}
      {cell('m', intl.formatMessage(m.month), 2, '4rem', 'bday-month')}
      {cell('y', intl.formatMessage(m.year), 4, '6rem', 'bday-year')}
      {error && (
        <div className={fr.cx('fr-messages-group')} aria-live="polite">
          <p className={fr.cx('fr-message', 'fr-message--error')} id={`${id}-error`}>
            {error}
          </p>
        </div>
      )}
    </fieldset>
  );
}
