import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useIntl } from 'react-intl';
import {
  ADMIN_CATEGORY,
  healthCategories,
  type DocumentView,
  type HealthCategory,
} from '../../../../shared/src/documents.js';
import { fieldState, FormError, StepHeading, useAction } from '../../components/forms';
import { defineMessages } from '../../i18n/messages';
import { categoryMessages, documentsApi } from './documents.api';

const m = defineMessages({
  formLabel: { id: 'documents.form.label', defaultMessage: 'Informations du document {fileName}' },
  heading: { id: 'documents.form.heading', defaultMessage: 'Je modifie les informations de mon document' },
  file: { id: 'documents.form.file', defaultMessage: 'Fichier : {fileName}' },
  title: { id: 'documents.form.title', defaultMessage: 'Titre' },
  category: { id: 'documents.form.category', defaultMessage: 'Catégorie' },
  date: { id: 'documents.form.date', defaultMessage: 'Date du document' },
  dateHint: { id: 'documents.form.dateHint', defaultMessage: 'Format attendu : JJ/MM/AAAA' },
  confidentiality: { id: 'documents.form.confidentiality', defaultMessage: 'Confidentialité' },
  hideFromPros: {
    id: 'documents.form.hideFromPros',
    defaultMessage: 'Masquer ce document aux professionnels de santé',
  },
  hideFromReps: {
    id: 'documents.form.hideFromReps',
    defaultMessage: 'Rendre ce document invisible à mes représentants légaux',
  },
  save: { id: 'documents.form.save', defaultMessage: 'Enregistrer' },
  cancel: { id: 'documents.form.cancel', defaultMessage: 'Annuler' },
});

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
  const intl = useIntl();
  const [title, setTitle] = useState(doc.title);
  const [category, setCategory] = useState<string>(doc.category);
  const [date, setDate] = useState(doc.documentDate ?? '');
  const [hidePros, setHidePros] = useState(doc.hiddenFromProfessionals);
  const [hideReps, setHideReps] = useState(doc.hiddenFromRepresentatives ?? false);
  const { busy, error, run, field } = useAction();
  const categories: DocumentView['category'][] =
    doc.space === 'admin' ? [ADMIN_CATEGORY] : (Object.keys(healthCategories) as HealthCategory[]);
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
      aria-label={intl.formatMessage(m.formLabel, { fileName: doc.fileName })}
    >
      <StepHeading>{intl.formatMessage(m.heading)}</StepHeading>
      <p className={fr.cx('fr-text--sm')}>{intl.formatMessage(m.file, { fileName: doc.fileName })}</p>
      <FormError error={error} />
      <Input
        label={intl.formatMessage(m.title)}
        nativeInputProps={{
          id: `${id}-title`,
          value: title,
          onChange: (e) => setTitle(e.target.value),
          maxLength: 200,
        }}
        {...fieldState(field('body.title'))}
      />
      <Select
        label={intl.formatMessage(m.category)}
        nativeSelectProps={{ id: `${id}-category`, value: category, onChange: (e) => setCategory(e.target.value) }}
        {...fieldState(field('body.category'))}
      >
        {categories.map((c) => (
          <option key={c} value={c}>
            {intl.formatMessage(categoryMessages[c])}
          </option>
        ))}
      </Select>
      <Input
        label={intl.formatMessage(m.date)}
        hintText={intl.formatMessage(m.dateHint)}
        nativeInputProps={{ id: `${id}-date`, type: 'date', value: date, onChange: (e) => setDate(e.target.value) }}
        {...fieldState(field('body.documentDate'))}
      />
      {(canHideFromProfessionals || canHideFromRepresentatives) && (
        <Checkbox
          legend={intl.formatMessage(m.confidentiality)}
          options={[
            ...(canHideFromProfessionals
              ? [
                  {
                    label: intl.formatMessage(m.hideFromPros),
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
                    label: intl.formatMessage(m.hideFromReps),
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
            {intl.formatMessage(m.save)}
          </Button>
        </li>
        {onCancel && (
          <li>
            <Button type="button" priority="secondary" onClick={onCancel}>
              {intl.formatMessage(m.cancel)}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
