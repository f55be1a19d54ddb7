import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FormError, Notice, StepHeading, fieldState, useAction } from '../../components/forms';
import { shownError, useInvalidate } from '../../query';
import { itemKinds } from '../../../../shared/src/medical.js';
import { proApi, proKeys, useProDocuments, useProMedical, type Found } from './pro.api';
import { DepositForm } from './DepositForm';
import { PatientProfessionals } from './PatientProfessionals';

const dateFr = (iso: string | null) =>
  iso ? new Date(`${iso.slice(0, 10)}T12:00:00`).toLocaleDateString('fr-FR') : '—';
const timeFr = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

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
  const { patient, access, emergencyUntil } = found;
  const canRead = access === 'authorized' || emergencyUntil !== null;
  const [notice, setNotice] = useState<string | null>(null);
  const [deposits, setDeposits] = useState(0);
  return (
    <section aria-labelledby="patient-titre">
      <StepHeading>
        <span id="patient-titre">
          {patient.birthName} {patient.firstNames} — {patient.sex === 'F' ? 'née' : 'né'} le {dateFr(patient.birthDate)}
        </span>
      </StepHeading>
      <Button
        priority="tertiary"
        size="small"
        iconId="fr-icon-arrow-left-line"
        onClick={onClose}
        className={fr.cx('fr-mb-3w')}
      >
        Rechercher un autre patient
      </Button>
      {notice && <Notice>{notice}</Notice>}
      {access === 'blocked' && (
        <div className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="warning"
            small
            description="Ce patient a bloqué votre accès à son espace santé : vous ne pouvez rien y lire. Vous pouvez encore y déposer des documents."
          />
        </div>
      )}
      {emergencyUntil && (
        <p className={fr.cx('fr-badge', 'fr-badge--warning', 'fr-mb-3w')}>
          Accès en urgence jusqu'au {timeFr(emergencyUntil)}
        </p>
      )}
      {access === 'none' && !emergencyUntil && (
        <>
          <Consent
            profileId={patient.profileId}
            onDone={() => {
              onChange({ ...found, access: 'authorized' });
              setNotice('Consentement enregistré : vous avez accès à l’espace santé du patient.');
            }}
          />
          <Emergency
            profileId={patient.profileId}
            onDone={(until) => {
              onChange({ ...found, emergencyUntil: until });
              setNotice("Accès en cas d'urgence ouvert. Le patient en est informé par e-mail.");
            }}
          />
        </>
      )}
      {access === 'authorized' && found.synthesisShared && (
        <section aria-labelledby="synthese-titre" className={fr.cx('fr-mb-4w')}>
          <h3 id="synthese-titre" className={fr.cx('fr-h5')}>
            La synthèse
          </h3>
          <p>Le patient a partagé avec vous la synthèse de son profil médical (les rubriques qu’il a choisies).</p>
          <a
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-file-pdf-line', 'fr-btn--icon-left')}
            href={proApi.synthesisUrl(patient.profileId)}
            target="_blank"
            rel="noopener"
          >
            Ouvrir la synthèse<span className={fr.cx('fr-sr-only')}> (PDF, nouvelle fenêtre)</span>
          </a>
        </section>
      )}
      {canRead && <Readable key={deposits} profileId={patient.profileId} />}
      {access === 'authorized' && found.administrator && <PatientProfessionals profileId={patient.profileId} />}
      <DepositForm
        profileId={patient.profileId}
        onDone={(d) => {
          setNotice(`Document « ${d.title} » déposé${d.invisibleToPatient ? ', invisible pour le patient' : ''}.`);
          setDeposits((n) => n + 1);
        }}
      />
    </section>
  );
}

function Consent({ profileId, onDone }: { profileId: string; onDone: () => void }) {
  const [ticked, setTicked] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => proApi.consent(profileId))) onDone();
  };
  return (
    <form onSubmit={submit} noValidate className={fr.cx('fr-mb-6w')} aria-labelledby="consentement-titre">
      <h3 id="consentement-titre" className={fr.cx('fr-h5')}>
        Consentement du patient
      </h3>
      <p>Pour accéder à l'espace santé de ce patient, recueillez son consentement lors de la consultation.</p>
      <FormError error={error} />
      <Checkbox
        options={[
          {
            label: 'Je déclare avoir recueilli le consentement du patient lors de la consultation',
            nativeInputProps: { checked: ticked, onChange: (e) => setTicked(e.target.checked) },
          },
        ]}
      />
      <Button type="submit" disabled={busy || !ticked}>
        Déclarer le consentement
      </Button>
    </form>
  );
}

function Emergency({ profileId, onDone }: { profileId: string; onDone: (until: string) => void }) {
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
        Accès en cas d'urgence
      </h3>
      <p className={fr.cx('fr-text--sm')}>
        Si le patient ne peut pas consentir et que sa santé est en danger immédiat. L'accès est limité dans le temps,
        tracé avec sa raison, et le patient en est informé par e-mail.
      </p>
      <FormError error={error} />
      <Input
        label="Raison de l'accès en urgence"
        textArea
        {...fieldState(field('body.reason'))}
        nativeTextAreaProps={{ value: reason, onChange: (e) => setReason(e.target.value), rows: 3, maxLength: 500 }}
      />
      <Select
        label="Durée de l'accès"
        nativeSelectProps={{
          value: String(minutes),
          onChange: (e) => setMinutes(Number(e.target.value) as 60 | 120 | 240),
        }}
      >
        <option value="60">1 heure</option>
        <option value="120">2 heures</option>
        <option value="240">4 heures (au plus)</option>
      </Select>
      <Button type="submit" priority="secondary" disabled={busy || reason.trim().length < 10}>
        Accéder en urgence
      </Button>
    </form>
  );
}

/** The documents and profile sections the rules let this professional read. */
function Readable({ profileId }: { profileId: string }) {
  const documents = useProDocuments(profileId);
  const medicalQuery = useProMedical(profileId);
  const docs = documents.data?.documents;
  const medical = medicalQuery.data;
  const error = shownError(documents.error ?? medicalQuery.error);
  const invalidate = useInvalidate();
  const load = () => invalidate(proKeys.documents(profileId));
  const release = useAction();
  if (error) return <FormError error={error} />;
  if (!docs || !medical) return <p>Chargement…</p>;
  return (
    <>
      <h3 className={fr.cx('fr-h5')}>Documents</h3>
      <FormError error={release.error} />
      {docs.length === 0 ? (
        <p>Aucun document que votre profession permet de consulter.</p>
      ) : (
        <div className={fr.cx('fr-table')} tabIndex={0} role="region" aria-label="Documents du patient">
          <table>
            <caption className={fr.cx('fr-sr-only')}>Documents du patient que vous pouvez consulter</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Type</th>
                <th scope="col">Date</th>
                <th scope="col">Auteur</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.title}
                    {d.invisibleToPatient && (
                      <span className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--info', 'fr-ml-1w')}>
                        Invisible pour le patient
                      </span>
                    )}
                  </td>
                  <td>{d.typeLabel ?? d.categoryLabel}</td>
                  <td>{dateFr(d.documentDate)}</td>
                  <td>
                    {d.mine ? 'Vous' : (d.author.name ?? (d.author.kind === 'patient' ? 'Le patient' : 'Import'))}
                  </td>
                  <td>
                    <a href={proApi.fileUrl(profileId, d.id)} target="_blank" rel="noopener">
                      Ouvrir<span className={fr.cx('fr-sr-only')}> {d.title} (nouvelle fenêtre)</span>
                    </a>
                    {d.mine && d.invisibleToPatient && (
                      <Button
                        size="small"
                        priority="secondary"
                        className={fr.cx('fr-ml-2w')}
                        disabled={release.busy}
                        onClick={() => void release.run(() => proApi.release(profileId, d.id)).then((r) => r && load())}
                      >
                        Rendre visible au patient<span className={fr.cx('fr-sr-only')}> : {d.title}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className={fr.cx('fr-h5', 'fr-mt-4w')}>Profil médical</h3>
      <dl className="carnet-pro-profile">
        {(['conditions', 'treatments', 'allergies', 'vaccinations', 'contacts'] as const).map((k) => (
          <div key={k} className={fr.cx('fr-mb-2w')}>
            <dt className={fr.cx('fr-text--bold')}>{itemKinds[k].section}</dt>
            <dd>
              {medical[k].length ? medical[k].map((i) => itemKinds[k].title(i.data)).join(', ') : 'Rien de renseigné'}
            </dd>
          </div>
        ))}
        <div>
          <dt className={fr.cx('fr-text--bold')}>Volontés</dt>
          <dd>{medical.wishes.directives ? 'Directives anticipées rédigées' : 'Pas de directives anticipées'}</dd>
        </div>
      </dl>
    </>
  );
}
