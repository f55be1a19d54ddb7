import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { FormError, useAction } from '../../components/forms';
import { closureApi, useExportRequested, useLatestExport } from './closure.api';
import { shownError } from '../../query';

const when = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
const size = (n: number | null) =>
  n === null
    ? ''
    : n < 1024 * 1024
      ? `${Math.max(1, Math.round(n / 1024))} Ko`
      : `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;

/**
 * « Télécharger mes données »: prepares the ZIP of the whole space in the background (progress shown, an
 * e-mail says when it is ready), then the password again gives a one-time link to fetch it.
 */
export function ExportPanel({ profileId, headingLevel = 'h2' }: { profileId: string; headingLevel?: 'h2' | 'h3' }) {
  // Polled while the archive is prepared (closure.api.ts); undefined until the first answer.
  const load = useLatestExport(profileId);
  const archive = load.data?.export;
  const setArchive = useExportRequested(profileId);
  const [password, setPassword] = useState('');
  const [fetched, setFetched] = useState(false);
  const prepare = useAction();
  const fetchIt = useAction();
  const preparing = archive?.status === 'pending' || archive?.status === 'running';
  const ready =
    archive?.status === 'ready' && !!archive.expiresAt && new Date(archive.expiresAt).getTime() > Date.now();

  async function download(e: FormEvent) {
    e.preventDefault();
    const r = await fetchIt.run(() => closureApi.ticket(profileId, archive!.id, password));
    if (!r) return;
    setPassword('');
    setFetched(true);
    window.location.assign(r.url);
  }

  const Heading = headingLevel;
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="export-title">
      <Heading id="export-title" className={fr.cx('fr-h4')}>
        Télécharger mes données
      </Heading>
      <p>
        Un fichier ZIP rassemble tous les documents (avec leur nom d'origine), la synthèse du profil médical, le journal
        des accès, les messages et l'ensemble de l'espace au format FHIR, lisible par les logiciels de santé. Il est
        préparé en arrière-plan : vous recevez un e-mail dès qu'il est prêt, puis votre mot de passe vous est demandé
        pour le télécharger.
      </p>
      {/* A failed poll while preparing is not shown (the next one may answer), only a failed first read. */}
      <FormError error={(load.isLoadingError ? shownError(load.error) : null) ?? prepare.error} />
      {archive === undefined ? null : preparing ? (
        <div role="status" aria-live="polite">
          <label htmlFor="export-progress">Préparation de vos données : {archive!.progress} %</label>
          <progress
            id="export-progress"
            max={100}
            value={archive!.progress}
            style={{ width: '100%', display: 'block' }}
          />
        </div>
      ) : ready ? (
        <form onSubmit={download} noValidate>
          <p role="status">
            Vos données sont prêtes ({size(archive!.sizeBytes)}). Elles restent disponibles jusqu'au{' '}
            {when(archive!.expiresAt!)}.
          </p>
          <FormError error={fetchIt.error} />
          <PasswordInput
            label="Mot de passe"
            nativeInputProps={{
              value: password,
              onChange: (e) => setPassword(e.target.value),
              autoComplete: 'current-password',
              required: true,
            }}
          />
          <Button type="submit" disabled={fetchIt.busy || !password}>
            Télécharger mes données
          </Button>
          {fetched && (
            <p className={fr.cx('fr-hint-text', 'fr-mt-2w')}>
              Le téléchargement a commencé. Le lien ne sert qu'une fois : pour télécharger à nouveau, saisissez votre
              mot de passe.
            </p>
          )}
        </form>
      ) : (
        <>
          {archive?.status === 'failed' && <p>La préparation précédente a échoué. Vous pouvez la relancer.</p>}
          {archive?.status === 'expired' && <p>Le téléchargement précédent a expiré.</p>}
          <Button
            priority="secondary"
            disabled={prepare.busy}
            onClick={() => prepare.run(() => closureApi.requestExport(profileId)).then((r) => r && setArchive(r))}
          >
            Préparer le téléchargement de mes données
          </Button>
        </>
      )}
    </section>
  );
}
