import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { fullName, storeProfileId, useActiveProfile } from '../../components/ActiveProfile';
import { FormError, useAction } from '../../components/forms';
import { closureApi, useClosureStatus, type ClosureStatus } from './closure.api';
import { shownError } from '../../query';
import { ExportPanel } from './ExportPanel';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  noticeTitle: { id: 'closure.notice.title', defaultMessage: 'Bien lire avant de clôturer le profil' },
  noticeEnd: {
    id: 'closure.notice.end',
    defaultMessage:
      "La clôture met fin à toutes les connexions à {whose} : plus personne ne pourra s'y connecter ni consulter les données, pas même les professionnels de santé.",
  },
  noticeArchive: {
    id: 'closure.notice.archive',
    defaultMessage:
      'Sans demande de suppression, les données sont archivées pendant 10 ans, puis supprimées automatiquement.',
  },
  noticeDelete: {
    id: 'closure.notice.delete',
    defaultMessage:
      'Si vous cochez la suppression définitive, les données personnelles (profil médical, documents, messages) sont effacées sans retour possible ; seule la trace exigée par la loi dans le journal des accès est conservée.',
  },
  noticeReopen: {
    id: 'closure.notice.reopen',
    defaultMessage:
      'Il est possible de rouvrir un espace à tout moment avec un nouveau code provisoire : les données archivées y sont alors retrouvées (sauf si elles ont été supprimées).',
  },
  noticeEmail: { id: 'closure.notice.email', defaultMessage: 'Un e-mail confirme la clôture.' },
  noticeOpposition: {
    id: 'closure.notice.opposition',
    defaultMessage:
      "Moins de 6 semaines se sont écoulées depuis l'envoi du code provisoire. Si l'espace n'a pas encore été activé, il est aussi possible de s'opposer à sa création : voir <link>Activer Mon espace santé</link>, puis « Je m'oppose à la création de mon compte ».",
  },
  whoseChild: { id: 'closure.page.whoseChild', defaultMessage: "l'espace de {name}" },
  whoseOwn: { id: 'closure.page.whoseOwn', defaultMessage: 'votre espace' },
  pageTitle: { id: 'closure.page.title', defaultMessage: 'Clôture du profil' },
  caregiverLead: { id: 'closure.page.caregiverLead', defaultMessage: 'Vous aidez {name}.' },
  caregiver: {
    id: 'closure.page.caregiver',
    defaultMessage:
      "En tant qu'aidant, vous ne pouvez pas clôturer cet espace : seule la personne aidée peut le faire.",
  },
  childLead: { id: 'closure.page.childLead', defaultMessage: 'Clôturer le profil Mon espace santé de {name}.' },
  ownLead: { id: 'closure.page.ownLead', defaultMessage: 'Clôturer votre profil Mon espace santé.' },
  childHasAccount: {
    id: 'closure.page.childHasAccount',
    defaultMessage: "{name} a un compte à son nom : un e-mail l'informera de la clôture.",
  },
  downloadFirst: {
    id: 'closure.page.downloadFirst',
    defaultMessage: 'Je souhaite télécharger les données enregistrées dans le profil avant de le clôturer',
  },
  downloadFirstHint: {
    id: 'closure.page.downloadFirstHint',
    defaultMessage: 'Un fichier ZIP de toutes les données du profil, à télécharger avant la clôture.',
  },
  deleteData: {
    id: 'closure.page.deleteData',
    defaultMessage: 'Je souhaite supprimer définitivement les données personnelles du profil',
  },
  deleteDataHint: {
    id: 'closure.page.deleteDataHint',
    defaultMessage: 'Sans cette case, les données sont archivées 10 ans.',
  },
  closeButton: { id: 'closure.page.closeButton', defaultMessage: 'Clôturer le profil' },
  cancel: { id: 'closure.page.cancel', defaultMessage: 'Annuler' },
  confirmTitle: { id: 'closure.confirm.title', defaultMessage: 'Confirmer la clôture du profil' },
  confirmLead: {
    id: 'closure.confirm.lead',
    defaultMessage: 'Pour vous assurer de votre volonté de clôturer le profil, saisissez votre mot de passe.',
  },
  confirmProfile: { id: 'closure.confirm.profile', defaultMessage: 'Profil : <strong>{name}</strong>.' },
  confirmDeleted: {
    id: 'closure.confirm.deleted',
    defaultMessage: 'Les données personnelles seront supprimées définitivement.',
  },
  confirmArchived: { id: 'closure.confirm.archived', defaultMessage: 'Les données seront archivées pendant 10 ans.' },
  confirmPassword: { id: 'closure.confirm.password', defaultMessage: 'Mot de passe' },
  confirmButton: { id: 'closure.confirm.button', defaultMessage: 'Confirmer la clôture' },
  confirmBack: { id: 'closure.confirm.back', defaultMessage: 'Retour' },
  closedTitle: { id: 'closure.closed.title', defaultMessage: 'Profil clôturé' },
  closedHeading: { id: 'closure.closed.heading', defaultMessage: 'Le compte est désormais clôturé' },
  closedChild: { id: 'closure.closed.child', defaultMessage: 'Le profil de {name} est clôturé.' },
  closedOwn: {
    id: 'closure.closed.own',
    defaultMessage: 'Votre profil Mon espace santé est clôturé et toutes vos connexions ont été fermées.',
  },
  closedDeletion: {
    id: 'closure.closed.deletion',
    defaultMessage: 'Les données personnelles vont être supprimées définitivement.',
  },
  closedArchived: { id: 'closure.closed.archived', defaultMessage: 'Les données sont archivées pendant 10 ans.' },
  closedEmail: { id: 'closure.closed.email', defaultMessage: 'Un e-mail de confirmation a été envoyé.' },
  closedReopen: {
    id: 'closure.closed.reopen',
    defaultMessage:
      'Pour rouvrir un espace, demandez un nouveau code provisoire depuis <link>Activer Mon espace santé</link>.',
  },
});

const activationLink = (chunks: ReactNode) => <Link to="/activation">{chunks}</Link>;

/** The notice to read before closing (R10, CSP R1111-36). */
function ClosureNotice({ status, whose }: { status: ClosureStatus; whose: string }) {
  const intl = useIntl();
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <Alert
        severity="info"
        as="h2"
        title={intl.formatMessage(m.noticeTitle)}
        description={
          <ul>
            <li>
              <FormattedMessage {...m.noticeEnd} values={{ whose }} />
            </li>
            <li>
              <FormattedMessage {...m.noticeArchive} />
            </li>
            <li>
              <FormattedMessage {...m.noticeDelete} />
            </li>
            <li>
              <FormattedMessage {...m.noticeReopen} />
            </li>
            <li>
              <FormattedMessage {...m.noticeEmail} />
            </li>
          </ul>
        }
      />
      {status.withinOppositionWindow && (
        <div className={fr.cx('fr-mt-3w')}>
          <Alert
            severity="warning"
            small
            description={<FormattedMessage {...m.noticeOpposition} values={{ link: activationLink }} />}
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
  const intl = useIntl();
  const { profile } = useActiveProfile();
  const navigate = useNavigate();
  const load = useClosureStatus(profile.id, profile.relation !== 'caregiver');
  const status = load.data;
  const [downloadFirst, setDownloadFirst] = useState(false);
  const [deleteData, setDeleteData] = useState(false);
  if (profile.relation === 'caregiver') {
    return (
      <Page
        title={intl.formatMessage(m.pageTitle)}
        lead={intl.formatMessage(m.caregiverLead, { name: fullName(profile) })}
      >
        <p>
          <FormattedMessage {...m.caregiver} />
        </p>
      </Page>
    );
  }
  const whose =
    profile.relation === 'child'
      ? intl.formatMessage(m.whoseChild, { name: fullName(profile) })
      : intl.formatMessage(m.whoseOwn);
  return (
    <Page
      title={intl.formatMessage(m.pageTitle)}
      lead={
        profile.relation === 'child'
          ? intl.formatMessage(m.childLead, { name: fullName(profile) })
          : intl.formatMessage(m.ownLead)
      }
    >
      <FormError error={shownError(load.error)} />
      {status && (
        // No <form> here: the download panel inside has its own (forms cannot nest).
        <div>
          <ClosureNotice status={status} whose={whose} />
          {status.childHasAccount && (
            <p>
              <FormattedMessage {...m.childHasAccount} values={{ name: fullName(profile) }} />
            </p>
          )}
          <Checkbox
            options={[
              {
                label: intl.formatMessage(m.downloadFirst),
                hintText: intl.formatMessage(m.downloadFirstHint),
                nativeInputProps: { checked: downloadFirst, onChange: (e) => setDownloadFirst(e.target.checked) },
              },
            ]}
          />
          {downloadFirst && <ExportPanel profileId={profile.id} headingLevel="h2" />}
          <Checkbox
            options={[
              {
                label: intl.formatMessage(m.deleteData),
                hintText: intl.formatMessage(m.deleteDataHint),
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
                <FormattedMessage {...m.closeButton} />
              </Button>
            </li>
            <li>
              <Button priority="secondary" linkProps={{ to: '/parametres' }}>
                <FormattedMessage {...m.cancel} />
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
  const intl = useIntl();
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
    <Page title={intl.formatMessage(m.confirmTitle)} lead={intl.formatMessage(m.confirmLead)}>
      <form onSubmit={submit} noValidate>
        <FormError error={close.error} />
        <p>
          <FormattedMessage
            {...m.confirmProfile}
            values={{ name: fullName(profile), strong: (chunks) => <strong>{chunks}</strong> }}
          />{' '}
          <FormattedMessage {...(state.deleteData ? m.confirmDeleted : m.confirmArchived)} />
        </p>
        <PasswordInput
          label={intl.formatMessage(m.confirmPassword)}
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
              <FormattedMessage {...m.confirmButton} />
            </Button>
          </li>
          <li>
            <Button priority="secondary" linkProps={{ to: '/parametres/cloture' }}>
              <FormattedMessage {...m.confirmBack} />
            </Button>
          </li>
        </ul>
      </form>
    </Page>
  );
}

/** After the closure: a public page (one's own sessions have ended). */
export function ClosedPage() {
  const intl = useIntl();
  const state = useLocation().state as { deletion?: boolean; child?: string } | null;
  return (
    <Page title={intl.formatMessage(m.closedTitle)} heading={intl.formatMessage(m.closedHeading)}>
      <p role="status">
        {state?.child ? intl.formatMessage(m.closedChild, { name: state.child }) : intl.formatMessage(m.closedOwn)}{' '}
        {intl.formatMessage(state?.deletion ? m.closedDeletion : m.closedArchived)} {intl.formatMessage(m.closedEmail)}
      </p>
      <p>
        <FormattedMessage {...m.closedReopen} values={{ link: activationLink }} />
      </p>
    </Page>
  );
}
