import { useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FormError, fieldState, useAction } from '../../components/forms';
import { acceptAttribute, typeCodes } from '../../../../shared/src/documents.js';
import { defineMessages } from '../../i18n/messages';
import { proApi, type ProDocument } from './pro.api';

const m = defineMessages({
  heading: { id: 'pro.deposit.heading', defaultMessage: 'Déposer un document' },
  docType: { id: 'pro.deposit.type', defaultMessage: 'Type de document' },
  chooseType: { id: 'pro.deposit.chooseType', defaultMessage: 'Choisissez un type' },
  title: { id: 'pro.deposit.title', defaultMessage: 'Titre' },
  file: { id: 'pro.deposit.file', defaultMessage: 'Fichier' },
  fileHint: { id: 'pro.deposit.fileHint', defaultMessage: 'JPG, PDF, PNG, TXT, RTF ou TIF, 5 Mo au plus.' },
  invisible: {
    id: 'pro.deposit.invisible',
    defaultMessage: "Invisible pour le patient jusqu'à la consultation d'annonce",
  },
  invisibleHint: { id: 'pro.deposit.invisibleHint', defaultMessage: 'Vous pourrez le rendre visible ensuite.' },
  submit: { id: 'pro.deposit.submit', defaultMessage: 'Déposer le document' },
});

const types = Object.entries(typeCodes).sort(([, a], [, b]) => a.label.localeCompare(b.label, 'fr'));

/**
 * « Déposer un document »: a CI-SIS type code from the reference list, a title, the file (same content rules
 * as patients' uploads), and INVISIBLE_PATIENT until the announcement consultation.
 */
export function DepositForm({ profileId, onDone }: { profileId: string; onDone: (d: ProDocument) => void }) {
  const intl = useIntl();
  const [typeCode, setTypeCode] = useState('');
  const [title, setTitle] = useState('');
  const [invisible, setInvisible] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    const r = await run(() =>
      proApi.deposit(profileId, { typeCode, title, invisibleToPatient: invisible ? 'true' : 'false' }, form),
    );
    if (r) {
      onDone(r.document);
      setTitle('');
      setFile(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <form onSubmit={submit} noValidate className={fr.cx('fr-mt-6w')} aria-labelledby="depot-titre">
      <h3 id="depot-titre" className={fr.cx('fr-h5')}>
        {intl.formatMessage(m.heading)}
      </h3>
      <FormError error={error} />
      <Select
        label={intl.formatMessage(m.docType)}
        {...fieldState(field('querystring.typeCode'))}
        nativeSelectProps={{ value: typeCode, onChange: (e) => setTypeCode(e.target.value) }}
      >
        <option value="" disabled>
          {intl.formatMessage(m.chooseType)}
        </option>
        {types.map(([code, t]) => (
          <option key={code} value={code}>
            {t.label} ({code})
          </option>
        ))}
      </Select>
      <Input
        label={intl.formatMessage(m.title)}
        {...fieldState(field('querystring.title'))}
        nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value), maxLength: 200 }}
      />
      <div className={fr.cx('fr-upload-group', 'fr-mb-3w')}>
        <label className={fr.cx('fr-label')} htmlFor="depot-fichier">
          {intl.formatMessage(m.file)}
          <span className={fr.cx('fr-hint-text')}>{intl.formatMessage(m.fileHint)}</span>
        </label>
        <input
          ref={input}
          className={fr.cx('fr-upload')}
          type="file"
          id="depot-fichier"
          accept={acceptAttribute}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Checkbox
        options={[
          {
            label: intl.formatMessage(m.invisible),
            hintText: intl.formatMessage(m.invisibleHint),
            nativeInputProps: { checked: invisible, onChange: (e) => setInvisible(e.target.checked) },
          },
        ]}
      />
      <Button type="submit" disabled={busy || !typeCode || !title.trim() || !file}>
        {intl.formatMessage(m.submit)}
      </Button>
    </form>
  );
}
