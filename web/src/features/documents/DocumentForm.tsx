import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import {
  ADMIN_CATEGORY,
  categoryLabels,
  healthCategories,
  type DocumentView,
} from '../../../../shared/src/documents.js';
import { fieldState, FormError, StepHeading, useAction } from '../../components/forms';
import { documentsApi } from './documents.api';

/**
 * « Je modifie les informations de mon document »: title, category (R7's list), date, and who must not
 * see it. `canHideFromRepresentatives` only for the person themselves (a minor's confidential care);
 * `canHideFromProfessionals` for whoever manages access (not a caregiver, R5).
 */
export function DocumentForm({
  profileId,
  doc,
  canHideFromRepresentatives,
  canHideFromProfessionals,
  onSaved,
  onCancel,
}: {
  profileId: string;
  doc: DocumentView;
  canHideFromRepresentatives: boolean;
  canHideFromProfessionals: boolean;
  onSaved: (d: DocumentView) => void;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState(doc.title);
  const [category, setCategory] = useState<string>(doc.category);
  const [date, setDate] = useState(doc.documentDate ?? '');
  const [hidePros, setHidePros] = useState(doc.hiddenFromProfessionals);
  const [hideReps, setHideReps] = useState(doc.hiddenFromRepresentatives ?? false);
  const { busy, error, run, field } = useAction();
  const categories = doc.space === 'admin' ? [ADMIN_CATEGORY] : Object.keys(healthCategories);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      documentsApi.update(profileId, doc.id, {
        title,
        category: category as DocumentView['category'],
        documentDate: date || null,
        ...(canHideFromProfessionals ? { hiddenFromProfessionals: hidePros } : {}),
        ...(canHideFromRepresentatives ? { hiddenFromRepresentatives: hideReps } : {}),
      }),
    );
    if (r) onSaved(r.document);
  };
  const id = `doc-${doc.id}`;
  return (
    <form
      onSubmit={submit}
      noValidate
      className={fr.cx('fr-mb-4w', 'fr-p-3w')}
      style={{ border: '1px solid var(--border-default-grey)' }}
      aria-label={`Informations du document ${doc.fileName}`}
    >
      <StepHeading>Je modifie les informations de mon document</StepHeading>
      <p className={fr.cx('fr-text--sm')}>Fichier : {doc.fileName}</p>
      <FormError error={error} />
      <Input
        label="Titre"
        nativeInputProps={{
          id: `${id}-title`,
          value: title,
          onChange: (e) => setTitle(e.target.value),
          maxLength: 200,
        }}
        {...fieldState(field('body.title'))}
      />
      <Select
        label="Catégorie"
        nativeSelectProps={{ id: `${id}-category`, value: category, onChange: (e) => setCategory(e.target.value) }}
        {...fieldState(field('body.category'))}
      >
        {categories.map((c) => (
          <option key={c} value={c}>
            {categoryLabels[c]}
          </option>
        ))}
      </Select>
      <Input
        label="Date du document"
        hintText="Format attendu : JJ/MM/AAAA"
        nativeInputProps={{ id: `${id}-date`, type: 'date', value: date, onChange: (e) => setDate(e.target.value) }}
        {...fieldState(field('body.documentDate'))}
      />
      {(canHideFromProfessionals || canHideFromRepresentatives) && (
        <Checkbox
          legend="Confidentialité"
          options={[
            ...(canHideFromProfessionals
              ? [
                  {
                    label: 'Masquer ce document aux professionnels de santé',
                    nativeInputProps: {
                      checked: hidePros,
                      onChange: (e: { target: { checked: boolean } }) => setHidePros(e.target.checked),
                    },
                  },
                ]
              : []),
            ...(canHideFromRepresentatives
              ? [
                  {
                    label: 'Rendre ce document invisible à mes représentants légaux',
                    nativeInputProps: {
                      checked: hideReps,
                      onChange: (e: { target: { checked: boolean } }) => setHideReps(e.target.checked),
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={busy}>
            Enregistrer
          </Button>
        </li>
        {onCancel && (
          <li>
            <Button type="button" priority="secondary" onClick={onCancel}>
              Annuler
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
