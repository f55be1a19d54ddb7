import { useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FormError, Notice, StepHeading, fieldState, useAction } from '../../components/forms';
import { shownError, useInvalidate } from '../../query';
import { itemKinds } from '../../../../shared/src/medical.js';
import { defineMessages } from '../../i18n/messages';
import { proApi, proKeys, useProDocuments, useProMedical, type Found } from './pro.api';
import { DepositForm } from './DepositForm';
import { PatientProfessionals } from './PatientProfessionals';

const m = defineMessages({
  headingF: { id: 'pro.patientPanel.headingF', defaultMessage: '{birthName} {firstNames} — née le {date}' },
  headingM: { id: 'pro.patientPanel.headingM', defaultMessage: '{birthName} {firstNames} — né le {date}' },
  searchAnother: { id: 'pro.patientPanel.searchAnother', defaultMessage: 'Rechercher un autre patient' },
  blocked: {
    id: 'pro.patientPanel.blocked',
    defaultMessage:
      'Ce patient a bloqué votre accès à son espace santé : vous ne pouvez rien y lire. Vous pouvez encore y déposer des documents.',
  },
  emergencyUntil: { id: 'pro.patientPanel.emergencyUntil', defaultMessage: "Accès en urgence jusqu'au {time}" },
  consentDone: {
    id: 'pro.patientPanel.consentDone',
    defaultMessage: 'Consentement enregistré : vous avez accès à l’espace santé du patient.',
  },
  emergencyDone: {
    id: 'pro.patientPanel.emergencyDone',
    defaultMessage: "Accès en cas d'urgence ouvert. Le patient en est informé par e-mail.",
  },
  synthesis: { id: 'pro.patientPanel.synthesis', defaultMessage: 'La synthèse' },
  synthesisShared: {
    id: 'pro.patientPanel.synthesisShared',
    defaultMessage:
      'Le patient a partagé avec vous la synthèse de son profil médical (les rubriques qu’il a choisies).',
  },
  openSynthesis: {
    id: 'pro.patientPanel.openSynthesis',
    defaultMessage: 'Ouvrir la synthèse<sr> (PDF, nouvelle fenêtre)</sr>',
  },
  deposited: { id: 'pro.patientPanel.deposited', defaultMessage: 'Document « {title} » déposé.' },
  depositedInvisible: {
    id: 'pro.patientPanel.depositedInvisible',
    defaultMessage: 'Document « {title} » déposé, invisible pour le patient.',
  },
  consentHeading: { id: 'pro.patientPanel.consentHeading', defaultMessage: 'Consentement du patient' },
  consentIntro: {
    id: 'pro.patientPanel.consentIntro',
    defaultMessage: "Pour accéder à l'espace santé de ce patient, recueillez son consentement lors de la consultation.",
  },
  consentCheck: {
    id: 'pro.patientPanel.consentCheck',
    defaultMessage: 'Je déclare avoir recueilli le consentement du patient lors de la consultation',
  },
  consentSubmit: { id: 'pro.patientPanel.consentSubmit', defaultMessage: 'Déclarer le consentement' },
  emergencyHeading: { id: 'pro.patientPanel.emergencyHeading', defaultMessage: "Accès en cas d'urgence" },
  emergencyIntro: {
    id: 'pro.patientPanel.emergencyIntro',
    defaultMessage:
      "Si le patient ne peut pas consentir et que sa santé est en danger immédiat. L'accès est limité dans le temps, tracé avec sa raison, et le patient en est informé par e-mail.",
  },
  reason: { id: 'pro.patientPanel.reason', defaultMessage: "Raison de l'accès en urgence" },
  duration: { id: 'pro.patientPanel.duration', defaultMessage: "Durée de l'accès" },
  oneHour: { id: 'pro.patientPanel.oneHour', defaultMessage: '1 heure' },
  twoHours: { id: 'pro.patientPanel.twoHours', defaultMessage: '2 heures' },
  fourHours: { id: 'pro.patientPanel.fourHours', defaultMessage: '4 heures (au plus)' },
  emergencySubmit: { id: 'pro.patientPanel.emergencySubmit', defaultMessage: 'Accéder en urgence' },
  loading: { id: 'pro.patientPanel.loading', defaultMessage: 'Chargement…' },
  documents: { id: 'pro.patientPanel.documents', defaultMessage: 'Documents' },
  noDocuments: {
    id: 'pro.patientPanel.noDocuments',
    defaultMessage: 'Aucun document que votre profession permet de consulter.',
  },
  documentsLabel: { id: 'pro.patientPanel.documentsLabel', defaultMessage: 'Documents du patient' },
  documentsCaption: {
    id: 'pro.patientPanel.documentsCaption',
    defaultMessage: 'Documents du patient que vous pouvez consulter',
  },
  colDocument: { id: 'pro.patientPanel.colDocument', defaultMessage: 'Document' },
  colType: { id: 'pro.patientPanel.colType', defaultMessage: 'Type' },
  colDate: { id: 'pro.patientPanel.colDate', defaultMessage: 'Date' },
  colAuthor: { id: 'pro.patientPanel.colAuthor', defaultMessage: 'Auteur' },
  colActions: { id: 'pro.patientPanel.colActions', defaultMessage: 'Actions' },
  invisible: { id: 'pro.patientPanel.invisible', defaultMessage: 'Invisible pour le patient' },
  authorYou: { id: 'pro.patientPanel.authorYou', defaultMessage: 'Vous' },
  authorPatient: { id: 'pro.patientPanel.authorPatient', defaultMessage: 'Le patient' },
  authorImport: { id: 'pro.patientPanel.authorImport', defaultMessage: 'Import' },
  open: { id: 'pro.patientPanel.open', defaultMessage: 'Ouvrir<sr> {title} (nouvelle fenêtre)</sr>' },
  release: { id: 'pro.patientPanel.release', defaultMessage: 'Rendre visible au patient<sr> : {title}</sr>' },
  profile: { id: 'pro.patientPanel.profile', defaultMessage: 'Profil médical' },
  nothing: { id: 'pro.patientPanel.nothing', defaultMessage: 'Rien de renseigné' },
  wishes: { id: 'pro.patientPanel.wishes', defaultMessage: 'Volontés' },
  directives: { id: 'pro.patientPanel.directives', defaultMessage: 'Directives anticipées rédigées' },
  noDirectives: { id: 'pro.patientPanel.noDirectives', defaultMessage: 'Pas de directives anticipées' },
});

/** A calendar date (its first 10 characters), read at noon so that no time zone moves it to another day. */
const dateOf = (intl: IntlShape, iso: string | null) =>
  iso ? intl.formatDate(new Date(`${iso.slice(0, 10)}T12:00:00`)) : '—';
const timeOf = (intl: IntlShape, iso: string) => intl.formatDate(iso, { dateStyle: 'short', timeStyle: 'short' });
const sr = (chunks: ReactNode[]) => <span className={fr.cx('fr-sr-only')}>{chunks}</span>;

/** One patient's space as this professional may use it: consent, emergency, documents, profile, deposit. */
export function PatientPanel({
  found,
  onChange,
  onClose,
}: {
  found: Found;
  onChange: (f: Found) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const { patient, access, emergencyUntil } = found;
  const authorized = access === 'authorized';
  const blocked = access === 'blocked';
  const noAccess = access === 'none';
  const canRead = authorized || emergencyUntil !== null;
  const [notice, setNotice] = useState<string | null>(null);
  const [deposits, setDeposits] = useState(0);
  return (
    <section aria-labelledby="patient-titre">
      <StepHeading>
        <span id="patient-titre">
          {intl.formatMessage(patient.sex === 'F' ? m.headingF : m.headingM, {
            birthName: patient.birthName,
            firstNames: patient.firstNames,
            date: dateOf(intl, patient.birthDate),
          })}
        </span>
      </StepHeading>
      <Button
        priority="tertiary"
        size="small"
        iconId="fr-icon-arrow-left-line"
        onClick={onClose}
        className={fr.cx('fr-mb-3w')}
      >
        {intl.formatMessage(m.searchAnother)}
      </Button>
      {notice && <Notice>{notice}</Notice>}
      {blocked && (
        <div className={fr.cx('fr-mb-3w')}>
          <Alert severity="warning" small description={intl.formatMessage(m.blocked)} />
        </div>
      )}
      {emergencyUntil && (
        <p className={fr.cx('fr-badge', 'fr-badge--warning', 'fr-mb-3w')}>
          {intl.formatMessage(m.emergencyUntil, { time: timeOf(intl, emergencyUntil) })}
        </p>
      )}
      {noAccess && !emergencyUntil && (
        <>
          <Consent
            profileId={patient.profileId}
            onDone={() => {
              onChange({ ...found, access: 'authorized' });
              setNotice(intl.formatMessage(m.consentDone));
            }}
          />
          <Emergency
            profileId={patient.profileId}
            onDone={(until) => {
              onChange({ ...found, emergencyUntil: until });
              setNotice(intl.formatMessage(m.emergencyDone));
            }}
          />
        </>
      )}
      {authorized && found.synthesisShared && (
        <section aria-labelledby="synthese-titre" className={fr.cx('fr-mb-4w')}>
          <h3 id="synthese-titre" className={fr.cx('fr-h5')}>
            {intl.formatMessage(m.synthesis)}
          </h3>
          <p>{intl.formatMessage(m.synthesisShared)}</p>
          <a
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-file-pdf-line', 'fr-btn--icon-left')}
            href={proApi.synthesisUrl(patient.profileId)}
            target="_blank"
            rel="noopener"
          >
            <FormattedMessage {...m.openSynthesis} values={{ sr }} />
          </a>
        </section>
      )}
      {canRead && <Readable key={deposits} profileId={patient.profileId} />}
      {authorized && found.administrator && <PatientProfessionals profileId={patient.profileId} />}
      <DepositForm
        profileId={patient.profileId}
        onDone={(d) => {
          setNotice(intl.formatMessage(d.invisibleToPatient ? m.depositedInvisible : m.deposited, { title: d.title }));
          setDeposits((n) => n + 1);
        }}
      />
    </section>
  );
}

function Consent({ profileId, onDone }: { profileId: string; onDone: () => void }) {
  const intl = useIntl();
  const [ticked, setTicked] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => proApi.consent(profileId))) onDone();
  };
  return (
    <form onSubmit={submit} noValidate className={fr.cx('fr-mb-6w')} aria-labelledby="consentement-titre">
      <h3 id="consentement-titre" className={fr.cx('fr-h5')}>
        {intl.formatMessage(m.consentHeading)}
      </h3>
      <p>{intl.formatMessage(m.consentIntro)}</p>
      <FormError error={error} />
      <Checkbox
        options={[
          {
            label: intl.formatMessage(m.consentCheck),
            nativeInputProps: { checked: ticked, onChange: (e) => setTicked(e.target.checked) },
          },
        ]}
      />
      <Button type="submit" disabled={busy || !ticked}>
        {intl.formatMessage(m.consentSubmit)}
      </Button>
    </form>
  );
}

function Emergency({ profileId, onDone }: { profileId: string; onDone: (until: string) => void }) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<60 | 120 | 240>(240);
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => proApi.emergency(profileId, reason, minutes));
    if (r) onDone(r.endsAt);
  };
  return (
    <form onSubmit={submit} noValidate className={fr.cx('fr-mb-6w')} aria-labelledby="urgence-titre">
      <h3 id="urgence-titre" className={fr.cx('fr-h5')}>
        {intl.formatMessage(m.emergencyHeading)}
      </h3>
      <p className={fr.cx('fr-text--sm')}>{intl.formatMessage(m.emergencyIntro)}</p>
      <FormError error={error} />
      <Input
        label={intl.formatMessage(m.reason)}
        textArea
        {...fieldState(field('body.reason'))}
        nativeTextAreaProps={{ value: reason, onChange: (e) => setReason(e.target.value), rows: 3, maxLength: 500 }}
      />
      <Select
        label={intl.formatMessage(m.duration)}
        nativeSelectProps={{
          value: String(minutes),
          onChange: (e) => setMinutes(Number(e.target.value) as 60 | 120 | 240),
        }}
      >
        <option value="60">{intl.formatMessage(m.oneHour)}</option>
        <option value="120">{intl.formatMessage(m.twoHours)}</option>
        <option value="240">{intl.formatMessage(m.fourHours)}</option>
      </Select>
      <Button type="submit" priority="secondary" disabled={busy || reason.trim().length < 10}>
        {intl.formatMessage(m.emergencySubmit)}
      </Button>
    </form>
  );
}

/** The documents and profile sections the rules let this professional read. */
function Readable({ profileId }: { profileId: string }) {
  const intl = useIntl();
  const documents = useProDocuments(profileId);
  const medicalQuery = useProMedical(profileId);
  const docs = documents.data?.documents;
  const medical = medicalQuery.data;
  const error = shownError(documents.error ?? medicalQuery.error);
  const invalidate = useInvalidate();
  const load = () => invalidate(proKeys.documents(profileId));
  const release = useAction();
  if (error) return <FormError error={error} />;
  if (!docs || !medical) return <p>{intl.formatMessage(m.loading)}</p>;
  const authorOf = (d: (typeof docs)[number]) =>
    d.mine
      ? intl.formatMessage(m.authorYou)
      : (d.author.name ?? intl.formatMessage(d.author.kind === 'patient' ? m.authorPatient : m.authorImport));
  return (
    <>
      <h3 className={fr.cx('fr-h5')}>{intl.formatMessage(m.documents)}</h3>
      <FormError error={release.error} />
      {docs.length === 0 ? (
        <p>{intl.formatMessage(m.noDocuments)}</p>
      ) : (
        <div className={fr.cx('fr-table')} tabIndex={0} role="region" aria-label={intl.formatMessage(m.documentsLabel)}>
          <table>
            <caption className={fr.cx('fr-sr-only')}>{intl.formatMessage(m.documentsCaption)}</caption>
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.colDocument)}</th>
                <th scope="col">{intl.formatMessage(m.colType)}</th>
                <th scope="col">{intl.formatMessage(m.colDate)}</th>
                <th scope="col">{intl.formatMessage(m.colAuthor)}</th>
                <th scope="col">{intl.formatMessage(m.colActions)}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.title}
                    {d.invisibleToPatient && (
                      <span className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--info', 'fr-ml-1w')}>
                        {intl.formatMessage(m.invisible)}
                      </span>
                    )}
                  </td>
                  <td>{d.typeLabel ?? d.categoryLabel}</td>
                  <td>{dateOf(intl, d.documentDate)}</td>
                  <td>{authorOf(d)}</td>
                  <td>
                    <a href={proApi.fileUrl(profileId, d.id)} target="_blank" rel="noopener">
                      <FormattedMessage {...m.open} values={{ title: d.title, sr }} />
                    </a>
                    {d.mine && d.invisibleToPatient && (
                      <Button
                        size="small"
                        priority="secondary"
                        className={fr.cx('fr-ml-2w')}
                        disabled={release.busy}
                        onClick={() => void release.run(() => proApi.release(profileId, d.id)).then((r) => r && load())}
                      >
                        <FormattedMessage {...m.release} values={{ title: d.title, sr }} />
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className={fr.cx('fr-h5', 'fr-mt-4w')}>{intl.formatMessage(m.profile)}</h3>
      <dl className="carnet-pro-profile">
        {(['conditions', 'treatments', 'allergies', 'vaccinations', 'contacts'] as const).map((k) => (
          <div key={k} className={fr.cx('fr-mb-2w')}>
            <dt className={fr.cx('fr-text--bold')}>{itemKinds[k].section}</dt>
            <dd>
              {medical[k].length
                ? medical[k].map((i) => itemKinds[k].title(i.data)).join(', ')
                : intl.formatMessage(m.nothing)}
            </dd>
          </div>
        ))}
        <div>
          <dt className={fr.cx('fr-text--bold')}>{intl.formatMessage(m.wishes)}</dt>
          <dd>{intl.formatMessage(medical.wishes.directives ? m.directives : m.noDirectives)}</dd>
        </div>
      </dl>
    </>
  );
}
