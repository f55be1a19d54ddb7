import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { FormattedMessage, useIntl } from 'react-intl';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  cancel: { id: 'medical.controls.cancel', defaultMessage: 'Annuler' },
  from: { id: 'medical.controls.from', defaultMessage: 'Du' },
  until: { id: 'medical.controls.until', defaultMessage: 'Au' },
});

/** A form's submit button and, when the form can be left, « Annuler ». */
export function FormButtons({
  busy,
  submitLabel,
  onCancel,
}: {
  busy: boolean;
  submitLabel: string;
  onCancel?: () => void;
}) {
  return (
    <div className="carnet-inline-buttons">
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
      {onCancel && (
        <Button type="button" priority="secondary" onClick={onCancel}>
          <FormattedMessage {...m.cancel} />
        </Button>
      )}
    </div>
  );
}

/** « Du » and « Au »: two date fields of a filter, side by side from medium screens. */
export function DateRangeFields({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const intl = useIntl();
  return (
    <>
      <div className={fr.cx('fr-col-6', 'fr-col-md-4')}>
        <Input
          label={intl.formatMessage(m.from)}
          nativeInputProps={{ type: 'date', value: from, onChange: (e) => onChange({ from: e.target.value, to }) }}
        />
      </div>
      <div className={fr.cx('fr-col-6', 'fr-col-md-4')}>
        <Input
          label={intl.formatMessage(m.until)}
          nativeInputProps={{ type: 'date', value: to, onChange: (e) => onChange({ from, to: e.target.value }) }}
        />
      </div>
    </>
  );
}
