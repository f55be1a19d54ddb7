import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  glucoseMoments,
  measureKinds,
  type MeasureInput,
  type MeasureValue,
  type TypedMeasureKind,
} from '../../../../shared/src/measures.js';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, fieldState, useAction } from '../../components/forms';
import { medicalApi, useMedicalChanged } from './medical.api';
import { FormButtons } from './controls';

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
  submitLabel = 'Enregistrer la valeur',
}: {
  kind: TypedMeasureKind;
  existing?: MeasureValue;
  onSaved(v: MeasureValue): void;
  onCancel?(): void;
  showDate?: boolean;
  submitLabel?: string;
}) {
  const { profile } = useActiveProfile();
  const m = measureKinds[kind];
  const text = (n: number | null | undefined) =>
    n === null || n === undefined ? '' : n.toLocaleString('fr-FR', { useGrouping: false, maximumFractionDigits: 3 });
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
    if (kind === 'bloodPressure') Object.assign(body, { systolic: num(v.systolic), diastolic: num(v.diastolic) });
    else body.value = num(v.value);
    if (kind === 'glucose' && v.moment) body.moment = v.moment as MeasureInput['moment'];
    const r = await run(() =>
      existing?.id
        ? medicalApi.updateMeasure(profile.id, kind, existing.id, body)
        : medicalApi.addMeasure(profile.id, kind, body),
    );
    if (!r) return;
    void changed();
    onSaved(r.value);
  };
  const unit = m.display ? ` (en ${m.display === '/10' ? 'note sur 10' : m.display})` : '';
  const id = `measure-${kind}`;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} className="carnet-medical-form" noValidate>
      <h3 id={`${id}-title`} ref={ref} tabIndex={-1} className={fr.cx('fr-h5')}>
        {`${m.label} : ${existing ? 'modifier une valeur' : 'ajouter une valeur'}`}
      </h3>
      <FormError error={error} />
      {kind === 'bloodPressure' ? (
        <>
          <Input
            label="Systolique (chiffre du haut, en mmHg)"
            {...fieldState(field('body.systolic'))}
            nativeInputProps={{
              id: `${id}-systolic`,
              inputMode: 'numeric',
              value: v.systolic,
              onChange: set('systolic'),
            }}
          />
          <Input
            label="Diastolique (chiffre du bas, en mmHg)"
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
          label={`${m.label}${unit}`}
          hintText={`Entre ${m.min.toLocaleString('fr-FR')} et ${m.max.toLocaleString('fr-FR')}`}
          {...fieldState(field('body.value'))}
          nativeInputProps={{
            id: `${id}-value`,
            inputMode: m.decimals ? 'decimal' : 'numeric',
            value: v.value,
            onChange: set('value'),
          }}
        />
      )}
      {kind === 'glucose' && (
        <Select
          label="Moment de la mesure (facultatif)"
          {...fieldState(field('body.moment'))}
          nativeSelectProps={{ id: `${id}-moment`, value: v.moment, onChange: set('moment') }}
        >
          <option value="">— Non précisé —</option>
          {Object.entries(glucoseMoments).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </Select>
      )}
      {showDate && (
        <Input
          label="Date et heure de la mesure"
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
      <FormButtons busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
