import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import Health from '@codegouvfr/react-dsfr/picto/Health';
import Document from '@codegouvfr/react-dsfr/picto/Document';
import MainSend from '@codegouvfr/react-dsfr/picto/MainSend';
import FlowSettings from '@codegouvfr/react-dsfr/picto/FlowSettings';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { usePageTitle } from '../../components/usePageTitle';
import { useInvitations } from '../family/family.api';
import { useUnread } from '../messaging/messaging.api';

const sections = [
  {
    title: 'Profil médical',
    desc: 'Maladies, traitements, allergies, vaccinations, mesures de santé.',
    to: '/profil-medical',
    picto: <Health />,
  },
  {
    title: 'Documents',
    desc: 'Vos documents de santé et ceux de vos professionnels.',
    to: '/documents',
    picto: <Document />,
  },
  {
    title: 'Messagerie',
    desc: 'Vos échanges avec les professionnels de santé.',
    to: '/messagerie',
    picto: <MainSend />,
  },
  {
    title: 'Paramètres',
    desc: 'Coordonnées, accès des professionnels, profils, clôture.',
    to: '/parametres',
    picto: <FlowSettings />,
  },
];

/** Home page of a signed-in person (R12, seed 003 step 3): greeting, sections, what is new. */
export function DashboardPage() {
  const { me, profile } = useActiveProfile();
  usePageTitle('Accueil de mon espace');
  const actingForSomeoneElse = profile.id !== me.profile.id;
  // The same queries as the settings' invitations and the header's badge: one read each, shared.
  const invitationsQuery = useInvitations();
  const invitations = invitationsQuery.data?.invitations.length ?? (invitationsQuery.isError ? 0 : null);
  const unread = useUnread(profile.id);
  return (
    <div className={fr.cx('fr-container', 'fr-my-6w')}>
      <h1>Bonjour {me.profile.firstName}</h1>
      {actingForSomeoneElse ? (
        <p className={fr.cx('fr-text--lead')}>
          Vous consultez le profil de <strong>{fullName(profile)}</strong>.
        </p>
      ) : (
        <p className={fr.cx('fr-text--lead')}>Bienvenue dans votre espace santé.</p>
      )}

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left', 'fr-mb-4w')}>
        <li>
          <Button iconId="fr-icon-edit-line" linkProps={{ to: '/profil-medical' }}>
            Compléter mon profil médical
          </Button>
        </li>
        <li>
          <Button iconId="fr-icon-add-line" priority="secondary" linkProps={{ to: '/documents' }}>
            Ajouter un document de santé
          </Button>
        </li>
      </ul>

      <section aria-labelledby="dashboard-sections" className={fr.cx('fr-mb-6w')}>
        <h2 id="dashboard-sections">Mes rubriques</h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {sections.map((s) => (
            <div key={s.to} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
              <Tile
                title={s.title}
                titleAs="h3"
                desc={s.desc}
                linkProps={{ to: s.to }}
                pictogram={s.picto}
                enlargeLinkOrButton
              />
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="dashboard-news">
        <h2 id="dashboard-news">Quoi de neuf&nbsp;?</h2>
        {invitations !== null && invitations > 0 && (
          <div className={fr.cx('fr-callout', 'fr-mb-2w')}>
            <p className={fr.cx('fr-callout__text')}>
              {invitations === 1 ? 'Une invitation vous attend' : `${invitations} invitations vous attendent`} : un
              proche vous propose de partager le profil d'un enfant ou de devenir son aidant.{' '}
              <Link to="/parametres#invitations">Voir les invitations</Link>
            </p>
          </div>
        )}
        {unread !== null && unread > 0 && (
          <div className={fr.cx('fr-callout', 'fr-mb-2w')}>
            <p className={fr.cx('fr-callout__text')}>
              {unread === 1 ? 'Vous avez 1 nouveau message' : `Vous avez ${unread} nouveaux messages`} de vos
              professionnels de santé. <Link to="/messagerie">Voir la messagerie</Link>
            </p>
          </div>
        )}
        {invitations === 0 && !unread && (
          <div className={fr.cx('fr-callout')}>
            <p className={fr.cx('fr-callout__text')}>
              Rien de nouveau pour le moment. Vos nouveaux messages, vos nouveaux documents et les derniers accès à
              votre profil apparaîtront ici.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
