import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Page } from '../../components/Page';
import { fullName, storeProfileId, useActiveProfile } from '../../components/ActiveProfile';
import { FormError, useAction } from '../../components/forms';
import { closureApi, useClosureStatus, type ClosureStatus } from './closure.api';
import { shownError } from '../../query';
import { ExportPanel } from './ExportPanel';

const DOWNLOAD = 'Je souhaite télécharger les données enregistrées dans le profil avant de le clôturer';
const DELETE = 'Je souhaite supprimer définitivement les données personnelles du profil';

/** The notice to read before closing (R10, CSP R1111-36). */
function ClosureNotice({ status, whose }: { status: ClosureStatus; whose: string }) {
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <Alert
        severity="info"
        as="h2"
        title="Bien lire avant de clôturer le profil"
        description={
          <ul>
            <li>
              La clôture met fin à toutes les connexions à {whose} : plus personne ne pourra s'y connecter ni consulter
              les données, pas même les professionnels de santé.
            </li>
            <li>
              Sans demande de suppression, les données sont archivées pendant 10 ans, puis supprimées automatiquement.
            </li>
            <li>
              Si vous cochez la suppression définitive, les données personnelles (profil médical, documents, messages)
              sont effacées sans retour possible ; seule la trace exigée par la loi dans le journal des accès est
              conservée.
            </li>
            <li>
              Il est possible de rouvrir un espace à tout moment avec un nouveau code provisoire : les données archivées
              y sont alors retrouvées (sauf si elles ont été supprimées).
            </li>
            <li>Un e-mail confirme la clôture.</li>
          </ul>
        }
      />
      {status.withinOppositionWindow && (
        <div className={fr.cx('fr-mt-3w')}>
          <Alert
            severity="warning"
            small
            description={
              <>
                Moins de 6 semaines se sont écoulées depuis l'envoi du code provisoire. Si l'espace n'a pas encore été
                activé, il est aussi possible de s'opposer à sa création : voir{' '}
                <Link to="/activation">Activer Mon espace santé</Link>, puis « Je m'oppose à la création de mon compte
                ».
              </>
            }
          />
        </div>
      )}
    </div>
  );
}

/** « Paramètres » → « Clôture du profil »: the notice, the two boxes, then « Clôturer le profil ». */
export function ClosurePage() {
  const { profile } = useActiveProfile();
  // Keyed by the profile: a box ticked for one profile is never carried over to another.
  return <ClosurePageContent key={profile.id} />;
}

function ClosurePageContent() {
  const { profile } = useActiveProfile();
  const navigate = useNavigate();
  const load = useClosureStatus(profile.id, profile.relation !== 'caregiver');
  const status = load.data;
  const [downloadFirst, setDownloadFirst] = useState(false);
  const [deleteData, setDeleteData] = useState(false);
  if (profile.relation === 'caregiver') {
    return (
      <Page title="Clôture du profil" lead={`Vous aidez ${fullName(profile)}.`}>
        <p>En tant qu'aidant, vous ne pouvez pas clôturer cet espace : seule la personne aidée peut le faire.</p>
      </Page>
    );
  }
  const whose = profile.relation === 'child' ? `l'espace de ${fullName(profile)}` : 'votre espace';
  return (
    <Page
      title="Clôture du profil"
      lead={
        profile.relation === 'child'
          ? `Clôturer le profil Mon espace santé de ${fullName(profile)}.`
          : 'Clôturer votre profil Mon espace santé.'
      }
    >
      <FormError error={shownError(load.error)} />
      {status && (
        // No <form> here: the download panel inside has its own (forms cannot nest).
        <div>
          <ClosureNotice status={status} whose={whose} />
          {status.childHasAccount && (
            <p>{fullName(profile)} a un compte à son nom : un e-mail l'informera de la clôture.</p>
          )}
          <Checkbox
            options={[
              {
                label: DOWNLOAD,
                hintText: 'Un fichier ZIP de toutes les données du profil, à télécharger avant la clôture.',
                nativeInputProps: { checked: downloadFirst, onChange: (e) => setDownloadFirst(e.target.checked) },
              },
            ]}
          />
          {downloadFirst && <ExportPanel profileId={profile.id} headingLevel="h2" />}
          <Checkbox
            options={[
              {
                label: DELETE,
                hintText: 'Sans cette case, les données sont archivées 10 ans.',
                nativeInputProps: { checked: deleteData, onChange: (e) => setDeleteData(e.target.checked) },
              },
            ]}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button
                onClick={() =>
                  navigate('/parametres/cloture/confirmation', {
                    state: { downloadFirst, deleteData, profileId: profile.id },
                  })
                }
              >
                Clôturer le profil
              </Button>
            </li>
            <li>
              <Button priority="secondary" linkProps={{ to: '/parametres' }}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
    </Page>
  );
}

/** The page that asks the password, to be sure the closure is wanted (seed 003 step 11). */
export function ClosureConfirmPage() {
  const { profile, setActiveProfile, me, refresh } = useActiveProfile();
  const navigate = useNavigate();
  const state = useLocation().state as { downloadFirst: boolean; deleteData: boolean; profileId: string } | null;
  const [password, setPassword] = useState('');
  const close = useAction();
  if (!state || state.profileId !== profile.id) return <Navigate to="/parametres/cloture" replace />;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await close.run(() =>
      closureApi.close(profile.id, { downloadFirst: state!.downloadFirst, deleteData: state!.deleteData, password }),
    );
    if (!r) return;
    if (r.signedOut) {
      storeProfileId(null);
      navigate('/profil-cloture', { replace: true, state: { deletion: r.deletion } });
    } else {
      setActiveProfile(me.profile.id);
      void refresh();
      navigate('/profil-cloture', { replace: true, state: { deletion: r.deletion, child: fullName(profile) } });
    }
  }
  return (
    <Page
      title="Confirmer la clôture du profil"
      lead="Pour vous assurer de votre volonté de clôturer le profil, saisissez votre mot de passe."
    >
      <form onSubmit={submit} noValidate>
        <FormError error={close.error} />
        <p>
          Profil : <strong>{fullName(profile)}</strong>.{' '}
          {state.deleteData
            ? 'Les données personnelles seront supprimées définitivement.'
            : 'Les données seront archivées pendant 10 ans.'}
        </p>
        <PasswordInput
          label="Mot de passe"
          nativeInputProps={{
            value: password,
            onChange: (e) => setPassword(e.target.value),
            autoComplete: 'current-password',
            required: true,
          }}
        />
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <Button type="submit" disabled={close.busy || !password}>
              Confirmer la clôture
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ to: '/parametres/cloture' }}>
              Retour
            </Button>
          </li>
        </ul>
      </form>
    </Page>
  );
}

/** After the closure: a public page (one's own sessions have ended). */
export function ClosedPage() {
  const state = useLocation().state as { deletion?: boolean; child?: string } | null;
  return (
    <Page title="Profil clôturé" heading="Le compte est désormais clôturé">
      <p role="status">
        {state?.child
          ? `Le profil de ${state.child} est clôturé.`
          : 'Votre profil Mon espace santé est clôturé et toutes vos connexions ont été fermées.'}{' '}
        {state?.deletion
          ? 'Les données personnelles vont être supprimées définitivement.'
          : 'Les données sont archivées pendant 10 ans.'}{' '}
        Un e-mail de confirmation a été envoyé.
      </p>
      <p>
        Pour rouvrir un espace, demandez un nouveau code provisoire depuis{' '}
        <Link to="/activation">Activer Mon espace santé</Link>.
      </p>
    </Page>
  );
}
