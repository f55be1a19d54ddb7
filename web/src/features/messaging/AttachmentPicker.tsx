import { useState } from 'react';
import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import type { Space } from '../../../../shared/src/documents.js';
import type { DraftFile } from '../../../../shared/src/messaging.js';
import { useDocuments } from '../documents/documents.api';
import { defineMessages } from '../../i18n/messages';
import { sizeLabel } from './format';
import '../documents/documents.css';

const m = defineMessages({
  legend: { id: 'messaging.attachmentPicker.legend', defaultMessage: 'Pièces jointes' },
  limits: {
    id: 'messaging.attachmentPicker.limits',
    defaultMessage: '5 Mo au plus par fichier, 10 Mo et 10 fichiers au plus par message.',
  },
  myDocuments: { id: 'messaging.attachmentPicker.myDocuments', defaultMessage: 'Mes documents' },
  myDevice: { id: 'messaging.attachmentPicker.myDevice', defaultMessage: 'Mon appareil' },
  myAdminPapers: { id: 'messaging.attachmentPicker.myAdminPapers', defaultMessage: 'Mes pièces administratives' },
  myMedicalProfile: { id: 'messaging.attachmentPicker.myMedicalProfile', defaultMessage: 'Mon profil médical' },
  deviceTitle: {
    id: 'messaging.attachmentPicker.deviceTitle',
    defaultMessage: "J'ajoute un document à partir de mes fichiers",
  },
  chooseFiles: {
    id: 'messaging.attachmentPicker.chooseFiles',
    defaultMessage: 'Choisir des fichiers sur mon appareil',
  },
  formats: {
    id: 'messaging.attachmentPicker.formats',
    defaultMessage: 'Formats acceptés : JPG, PDF, PNG, TXT, RTF, TIF, DOC, DOCX, ODT.',
  },
  close: { id: 'messaging.attachmentPicker.close', defaultMessage: 'Fermer' },
  synthesisLabel: { id: 'messaging.attachmentPicker.synthesisLabel', defaultMessage: 'Joindre mon profil médical' },
  synthesisHint: {
    id: 'messaging.attachmentPicker.synthesisHint',
    defaultMessage: 'Une synthèse PDF de votre profil médical est générée automatiquement et jointe au message.',
  },
  chosen: { id: 'messaging.attachmentPicker.chosen', defaultMessage: 'Pièces jointes du message' },
  removeLabel: { id: 'messaging.attachmentPicker.removeLabel', defaultMessage: 'Retirer {name}' },
  remove: { id: 'messaging.attachmentPicker.remove', defaultMessage: 'Retirer' },
  synthesis: {
    id: 'messaging.attachmentPicker.synthesis',
    defaultMessage: 'Synthèse de mon profil médical (PDF)',
  },
  removeSynthesis: {
    id: 'messaging.attachmentPicker.removeSynthesis',
    defaultMessage: 'Retirer la synthèse de mon profil médical',
  },
  adminTitle: {
    id: 'messaging.attachmentPicker.adminTitle',
    defaultMessage: "J'ajoute un document à partir de mes pièces administratives",
  },
  healthTitle: {
    id: 'messaging.attachmentPicker.healthTitle',
    defaultMessage: "J'ajoute un document à partir des documents de Mon espace santé",
  },
  loading: { id: 'messaging.attachmentPicker.loading', defaultMessage: 'Chargement…' },
  noAdmin: {
    id: 'messaging.attachmentPicker.noAdmin',
    defaultMessage: "Vous n'avez pas encore enregistré de pièce administrative (passeport, carte d'identité…).",
  },
  addAdmin: { id: 'messaging.attachmentPicker.addAdmin', defaultMessage: 'Ajouter une pièce administrative' },
  noHealth: {
    id: 'messaging.attachmentPicker.noHealth',
    defaultMessage: "Vous n'avez pas encore renseigné de document de santé.",
  },
  addHealth: { id: 'messaging.attachmentPicker.addHealth', defaultMessage: 'Ajouter un document de santé' },
  adminLegend: { id: 'messaging.attachmentPicker.adminLegend', defaultMessage: 'Mes pièces administratives' },
  healthLegend: { id: 'messaging.attachmentPicker.healthLegend', defaultMessage: 'Mes documents de santé' },
  documentHint: { id: 'messaging.attachmentPicker.documentHint', defaultMessage: '{category} — {date}' },
});

/**
 * What is attached so far: files of the device (`stored` already kept with the draft on the server, `files`
 * still in the browser), documents of the space, the synthesis.
 */
export interface Chosen {
  files: File[];
  stored: DraftFile[];
  documents: { id: string; title: string }[];
  synthesis: boolean;
}
export const noAttachments: Chosen = { files: [], stored: [], documents: [], synthesis: false };

const accept = '.jpg,.jpeg,.pdf,.png,.txt,.rtf,.tif,.tiff,.doc,.docx,.odt';
type Panel = 'health' | 'device' | 'admin' | 'profile' | null;

/**
 * « Ajouter un document à mon message » (seed slides 23–27): from my Documents, from my device, my
 * administrative papers, my medical profile (a PDF synthesis generated at sending).
 */
export function AttachmentPicker({
  profileId,
  chosen,
  onChange,
  onDeviceFiles,
  onRemoveStored,
  idPrefix,
}: {
  profileId: string;
  chosen: Chosen;
  onChange: (c: Chosen) => void;
  /** Device files go to the draft on the server when given; otherwise they stay in `chosen.files`. */
  onDeviceFiles?: (files: File[]) => void;
  onRemoveStored?: (file: DraftFile) => void;
  idPrefix: string;
}) {
  const intl = useIntl();
  const [panel, setPanel] = useState<Panel>(null);
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);
  const count = chosen.files.length + chosen.stored.length + chosen.documents.length + (chosen.synthesis ? 1 : 0);
  const space = panel === 'health' || panel === 'admin' ? panel : null;
  const deviceOpen = panel === 'device';
  const profileOpen = panel === 'profile';
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')} aria-labelledby={`${idPrefix}-att-legend`}>
      <legend id={`${idPrefix}-att-legend`} className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
        {intl.formatMessage(m.legend)} <span className={fr.cx('fr-hint-text')}>{intl.formatMessage(m.limits)}</span>
      </legend>
      <ul
        className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}
      >
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-file-line"
            onClick={() => toggle('health')}
            nativeButtonProps={{ 'aria-expanded': panel === 'health' }}
          >
            {intl.formatMessage(m.myDocuments)}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-upload-line"
            onClick={() => toggle('device')}
            nativeButtonProps={{ 'aria-expanded': panel === 'device' }}
          >
            {intl.formatMessage(m.myDevice)}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-article-line"
            onClick={() => toggle('admin')}
            nativeButtonProps={{ 'aria-expanded': panel === 'admin' }}
          >
            {intl.formatMessage(m.myAdminPapers)}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-heart-line"
            onClick={() => toggle('profile')}
            nativeButtonProps={{ 'aria-expanded': panel === 'profile' }}
          >
            {intl.formatMessage(m.myMedicalProfile)}
          </Button>
        </li>
      </ul>
      {space && (
        <SpacePanel
          profileId={profileId}
          space={space}
          chosen={chosen}
          onChange={onChange}
          close={() => setPanel(null)}
        />
      )}
      {deviceOpen && (
        <div className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }}>
          <h3 className={fr.cx('fr-h6')}>{intl.formatMessage(m.deviceTitle)}</h3>
          <input
            id={`${idPrefix}-device`}
            type="file"
            multiple
            accept={accept}
            className={fr.cx('fr-sr-only')}
            aria-describedby={`${idPrefix}-device-hint`}
            onChange={(e) => {
              const picked = Array.from(e.target.files ?? []);
              if (onDeviceFiles) onDeviceFiles(picked);
              else onChange({ ...chosen, files: [...chosen.files, ...picked] });
              e.target.value = '';
              setPanel(null);
            }}
          />
          <label htmlFor={`${idPrefix}-device`} className={fr.cx('fr-btn', 'fr-btn--secondary')}>
            {intl.formatMessage(m.chooseFiles)}
          </label>
          <p id={`${idPrefix}-device-hint`} className={fr.cx('fr-hint-text', 'fr-mt-1w')}>
            {intl.formatMessage(m.formats)}
          </p>
          <Button type="button" priority="tertiary no outline" size="small" onClick={() => setPanel(null)}>
            {intl.formatMessage(m.close)}
          </Button>
        </div>
      )}
      {profileOpen && (
        <div className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }}>
          <Checkbox
            options={[
              {
                label: intl.formatMessage(m.synthesisLabel),
                hintText: intl.formatMessage(m.synthesisHint),
                nativeInputProps: {
                  checked: chosen.synthesis,
                  onChange: (e) => onChange({ ...chosen, synthesis: e.target.checked }),
                },
              },
            ]}
          />
          <Button type="button" priority="tertiary no outline" size="small" onClick={() => setPanel(null)}>
            {intl.formatMessage(m.close)}
          </Button>
        </div>
      )}
      {count > 0 && (
        <ul aria-label={intl.formatMessage(m.chosen)} className={fr.cx('fr-raw-list', 'fr-mb-1w')}>
          {chosen.stored.map((f) => (
            <li key={f.id} className={fr.cx('fr-mb-1v')}>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> {f.fileName} (
              {sizeLabel(intl, f.sizeBytes)}){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onRemoveStored?.(f)}
                nativeButtonProps={{ 'aria-label': intl.formatMessage(m.removeLabel, { name: f.fileName }) }}
              >
                {intl.formatMessage(m.remove)}
              </Button>
            </li>
          ))}
          {chosen.files.map((f, i) => (
            <li key={`f${i}`} className={fr.cx('fr-mb-1v')}>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> {f.name} (
              {sizeLabel(intl, f.size)}){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onChange({ ...chosen, files: chosen.files.filter((_, j) => j !== i) })}
                nativeButtonProps={{ 'aria-label': intl.formatMessage(m.removeLabel, { name: f.name }) }}
              >
                {intl.formatMessage(m.remove)}
              </Button>
            </li>
          ))}
          {chosen.documents.map((d) => (
            <li key={d.id} className={fr.cx('fr-mb-1v')}>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> {d.title}{' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onChange({ ...chosen, documents: chosen.documents.filter((x) => x.id !== d.id) })}
                nativeButtonProps={{ 'aria-label': intl.formatMessage(m.removeLabel, { name: d.title }) }}
              >
                {intl.formatMessage(m.remove)}
              </Button>
            </li>
          ))}
          {chosen.synthesis && (
            <li>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" />{' '}
              {intl.formatMessage(m.synthesis)}{' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onChange({ ...chosen, synthesis: false })}
                nativeButtonProps={{ 'aria-label': intl.formatMessage(m.removeSynthesis) }}
              >
                {intl.formatMessage(m.remove)}
              </Button>
            </li>
          )}
        </ul>
      )}
    </fieldset>
  );
}

/** Documents or administrative papers of the space, to tick; its own screen when there are none. */
function SpacePanel({
  profileId,
  space,
  chosen,
  onChange,
  close,
}: {
  profileId: string;
  space: Space;
  chosen: Chosen;
  onChange: (c: Chosen) => void;
  close(): void;
}) {
  const intl = useIntl();
  const list = useDocuments(profileId, { space, sort: 'date_desc' });
  const docs = list.isError ? [] : (list.data?.documents ?? null);
  const picked = new Set(chosen.documents.map((d) => d.id));
  const admin = space === 'admin';
  const title = intl.formatMessage(admin ? m.adminTitle : m.healthTitle);
  return (
    <div className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }}>
      <h3 className={fr.cx('fr-h6')}>{title}</h3>
      {docs === null && <p role="status">{intl.formatMessage(m.loading)}</p>}
      {docs?.length === 0 &&
        (admin ? (
          <p>
            {intl.formatMessage(m.noAdmin)} <Link to="/documents">{intl.formatMessage(m.addAdmin)}</Link>
          </p>
        ) : (
          <p>
            {intl.formatMessage(m.noHealth)} <Link to="/documents">{intl.formatMessage(m.addHealth)}</Link>
          </p>
        ))}
      {docs && docs.length > 0 && (
        <Checkbox
          legend={intl.formatMessage(admin ? m.adminLegend : m.healthLegend)}
          options={docs.map((d) => ({
            label: d.title,
            hintText: d.documentDate
              ? intl.formatMessage(m.documentHint, {
                  category: d.categoryLabel,
                  date: intl.formatDate(new Date(d.documentDate)),
                })
              : d.categoryLabel,
            nativeInputProps: {
              checked: picked.has(d.id),
              onChange: (e) =>
                onChange({
                  ...chosen,
                  documents: e.target.checked
                    ? [...chosen.documents, { id: d.id, title: d.title }]
                    : chosen.documents.filter((x) => x.id !== d.id),
                }),
            },
          }))}
        />
      )}
      <Button type="button" priority="tertiary no outline" size="small" onClick={close}>
        {intl.formatMessage(m.close)}
      </Button>
    </div>
  );
}
