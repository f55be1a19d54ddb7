import { useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FormError, fieldState, useAction } from '../../components/forms';
import { acceptAttribute, typeCodes } from '../../../../shared/src/documents.js';
import { proApi, type ProDocument } from './pro.api';

const types = Object.entries(typeCodes).sort(([, a], [, b]) => a.label.localeCompare(b.label, 'fr'));

/**
 * « Déposer un document »: a CI-SIS type code from the reference list, a title, the file (same content rules
 * as patients' uploads), and INVISIBLE_PATIENT until the announcement consultation.
 */
export function DepositForm({ profileId, onDone }: { profileId: string; onDone: (d: ProDocument) => void }) {
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
        Déposer un document
      </h3>
      <FormError error={error} />
      <Select
        label="Type de document"
        {...fieldState(field('querystring.typeCode'))}
        nativeSelectProps={{ value: typeCode, onChange: (e) => setTypeCode(e.target.value) }}
      >
        <option value="" disabled>
          Choisissez un type
        </option>
        {types.map(([code, t]) => (
          <option key={code} value={code}>
            {t.label} ({code})
          </option>
        ))}
      </Select>
      <Input
        label="Titre"
        {...fieldState(field('querystring.title'))}
        nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value), maxLength: 200 }}
      />
      <div className={fr.cx('fr-upload-group', 'fr-mb-3w')}>
        <label className={fr.cx('fr-label')} htmlFor="depot-fichier">
          Fichier
          <span className={fr.cx('fr-hint-text')}>JPG, PDF, PNG, TXT, RTF ou TIF, 5 Mo au plus.</span>
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
            label: "Invisible pour le patient jusqu'à la consultation d'annonce",
            hintText: 'Vous pourrez le rendre visible ensuite.',
            nativeInputProps: { checked: invisible, onChange: (e) => setInvisible(e.target.checked) },
          },
        ]}
      />
      <Button type="submit" disabled={busy || !typeCode || !title.trim() || !file}>
        Déposer le document
      </Button>
    </form>
  );
}
