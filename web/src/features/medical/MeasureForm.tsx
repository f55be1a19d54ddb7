import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  measureKinds,
  type MeasureInput,
  type MeasureValue,
  type TypedMeasureKind,
} from '../../../../shared/src/measures.js';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, fieldState, useAction } from '../../components/forms';
import { medicalApi, useMedicalChanged } from './medical.api';
import { FormButtons } from './controls';
import { useIntl } from 'react-intl';
import { defineMessages } from '../../i18n/messages';
import { glucoseMomentLabels, measureLabels, notSpecified } from './itemFields';

const m = defineMessages({
  save: { id: 'medical.measureForm.save', defaultMessage: 'Enregistrer la valeur' },
  withUnit: { id: 'medical.measureForm.withUnit', defaultMessage: '{measure} (en {unit})' },
  outOfTen: { id: 'medical.measureForm.outOfTen', defaultMessage: 'note sur 10' },
  editTitle: { id: 'medical.measureForm.editTitle', defaultMessage: '{measure} : modifier une valeur' },
  addTitle: { id: 'medical.measureForm.addTitle', defaultMessage: '{measure} : ajouter une valeur' },
  systolic: { id: 'medical.measureForm.systolic', defaultMessage: 'Systolique (chiffre du haut, en mmHg)' },
  diastolic: { id: 'medical.measureForm.diastolic', defaultMessage: 'Diastolique (chiffre du bas, en mmHg)' },
  range: { id: 'medical.measureForm.range', defaultMessage: 'Entre {min} et {max}' },
  moment: { id: 'medical.measureForm.moment', defaultMessage: 'Moment de la mesure (facultatif)' },
  measuredAt: { id: 'medical.measureForm.measuredAt', defaultMessage: 'Date et heure de la mesure' },
});

/** Now, as the value of a datetime-local field: "2026-03-14T08:30". */
export function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** "72,5" or "72.5" → 72.5; "" → undefined; anything else NaN (the server says what is wrong). */
const num = (s: string) => (s.trim() ? Number(s.trim().replace(',', '.')) : undefined);

/** « Ajouter une valeur » of one measure, in the unit people read; range errors come from the server. */
export function MeasureForm({
  kind,
  existing,
  onSaved,
  onCancel,
  showDate = true,
  submitLabel,
}: {
  kind: TypedMeasureKind;
  existing?: MeasureValue;
  onSaved(v: MeasureValue): void;
  onCancel?(): void;
  showDate?: boolean;
  submitLabel?: string;
}) {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const meta = measureKinds[kind];
  const measure = intl.formatMessage(measureLabels[kind]);
  const isBloodPressure = kind === 'bloodPressure';
  const isGlucose = kind === 'glucose';
  const text = (n: number | null | undefined) =>
    n === null || n === undefined ? '' : intl.formatNumber(n, { useGrouping: false, maximumFractionDigits: 3 });
  const [v, setV] = useState({
    value: text(existing?.value),
    systolic: text(existing?.systolic),
    diastolic: text(existing?.diastolic),
    moment: existing?.moment ?? '',
    measuredAt: existing?.measuredAt ?? nowLocal(),
  });
  const { busy, error, run, field } = useAction();
  const changed = useMedicalChanged(profile.id);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (showDate) ref.current?.focus();
  }, [showDate]);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body: MeasureInput = { measuredAt: v.measuredAt };
    if (isBloodPressure) Object.assign(body, { systolic: num(v.systolic), diastolic: num(v.diastolic) });
    else body.value = num(v.value);
    if (isGlucose && v.moment) body.moment = v.moment as MeasureInput['moment'];
    const r = await run(() =>
      existing?.id
        ? medicalApi.updateMeasure(profile.id, kind, existing.id, body)
        : medicalApi.addMeasure(profile.id, kind, body),
    );
    if (!r) return;
    void changed();
    onSaved(r.value);
  };
  const valueLabel = meta.display
    ? intl.formatMessage(m.withUnit, {
        measure,
        unit: meta.display === '/10' ? intl.formatMessage(m.outOfTen) : meta.display,
      })
    : measure;
  const id = `measure-${kind}`;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="carnet-medical-form" noValidate>
      <h3 id={`${id}-title`} ref={ref} tabIndex={-1} className={fr.cx('fr-h5')}>
        {intl.formatMessage(existing ? m.editTitle : m.addTitle, { measure })}
      </h3>
      <FormError error={error} />
      {isBloodPressure ? (
        <>
          <Input
            label={intl.formatMessage(m.systolic)}
            {...fieldState(field('body.systolic'))}
            nativeInputProps={{
              id: `${id}-systolic`,
              inputMode: 'numeric',
              value: v.systolic,
              onChange: set('systolic'),
            }}
          />
          <Input
            label={intl.formatMessage(m.diastolic)}
            {...fieldState(field('body.diastolic'))}
            nativeInputProps={{
              id: `${id}-diastolic`,
              inputMode: 'numeric',
              value: v.diastolic,
              onChange: set('diastolic'),
            }}
          />
        </>
      ) : (
        <Input
          label={valueLabel}
          hintText={intl.formatMessage(m.range, {
            min: intl.formatNumber(meta.min),
            max: intl.formatNumber(meta.max),
          })}
          {...fieldState(field('body.value'))}
          nativeInputProps={{
            id: `${id}-value`,
            inputMode: meta.decimals ? 'decimal' : 'numeric',
            value: v.value,
            onChange: set('value'),
          }}
        />
      )}
      {isGlucose && (
        <Select
          label={intl.formatMessage(m.moment)}
          {...fieldState(field('body.moment'))}
          nativeSelectProps={{ id: `${id}-moment`, value: v.moment, onChange: set('moment') }}
        >
          <option value="">{intl.formatMessage(notSpecified)}</option>
          {Object.entries(glucoseMomentLabels).map(([k, label]) => (
            <option key={k} value={k}>
              {intl.formatMessage(label)}
            </option>
          ))}
        </Select>
      )}
      {showDate && (
        <Input
          label={intl.formatMessage(m.measuredAt)}
          {...fieldState(field('body.measuredAt'))}
          nativeInputProps={{
            id: `${id}-date`,
            type: 'datetime-local',
            value: v.measuredAt,
            onChange: set('measuredAt'),
            max: nowLocal(),
          }}
        />
      )}
      <FormButtons busy={busy} submitLabel={submitLabel ?? intl.formatMessage(m.save)} onCancel={onCancel} />
    </form>
  );
}
