import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import Health from '@codegouvfr/react-dsfr/picto/Health';
import Document from '@codegouvfr/react-dsfr/picto/Document';
import MainSend from '@codegouvfr/react-dsfr/picto/MainSend';
import FlowSettings from '@codegouvfr/react-dsfr/picto/FlowSettings';
import { FormattedMessage, useIntl } from 'react-intl';
import { defineMessages } from '../../i18n/messages';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { usePageTitle } from '../../components/usePageTitle';
import { useInvitations } from '../family/family.api';
import { useUnread } from '../messaging/messaging.api';

const m = defineMessages({
  profileTitle: { id: 'home.dashboard.profileTitle', defaultMessage: 'Profil médical' },
  profileDesc: {
    id: 'home.dashboard.profileDesc',
    defaultMessage: 'Maladies, traitements, allergies, vaccinations, mesures de santé.',
  },
  documentsTitle: { id: 'home.dashboard.documentsTitle', defaultMessage: 'Documents' },
  documentsDesc: {
    id: 'home.dashboard.documentsDesc',
    defaultMessage: 'Vos documents de santé et ceux de vos professionnels.',
  },
  messagingTitle: { id: 'home.dashboard.messagingTitle', defaultMessage: 'Messagerie' },
  messagingDesc: {
    id: 'home.dashboard.messagingDesc',
    defaultMessage: 'Vos échanges avec les professionnels de santé.',
  },
  settingsTitle: { id: 'home.dashboard.settingsTitle', defaultMessage: 'Paramètres' },
  settingsDesc: {
    id: 'home.dashboard.settingsDesc',
    defaultMessage: 'Coordonnées, accès des professionnels, profils, clôture.',
  },
  pageTitle: { id: 'home.dashboard.pageTitle', defaultMessage: 'Accueil de mon espace' },
  greeting: { id: 'home.dashboard.greeting', defaultMessage: 'Bonjour {firstName}' },
  actingFor: {
    id: 'home.dashboard.actingFor',
    defaultMessage: 'Vous consultez le profil de <strong>{fullName}</strong>.',
  },
  welcome: { id: 'home.dashboard.welcome', defaultMessage: 'Bienvenue dans votre espace santé.' },
  completeProfile: { id: 'home.dashboard.completeProfile', defaultMessage: 'Compléter mon profil médical' },
  addDocument: { id: 'home.dashboard.addDocument', defaultMessage: 'Ajouter un document de santé' },
  sectionsTitle: { id: 'home.dashboard.sectionsTitle', defaultMessage: 'Mes rubriques' },
  newsTitle: { id: 'home.dashboard.newsTitle', defaultMessage: 'Quoi de neuf\u00a0?' },
  invitations: {
    id: 'home.dashboard.invitations',
    defaultMessage:
      "{count, plural, one {Une invitation vous attend} other {# invitations vous attendent}} : un proche vous propose de partager le profil d'un enfant ou de devenir son aidant. <link>Voir les invitations</link>",
  },
  unread: {
    id: 'home.dashboard.unread',
    defaultMessage:
      '{count, plural, one {Vous avez # nouveau message} other {Vous avez # nouveaux messages}} de vos professionnels de santé. <link>Voir la messagerie</link>',
  },
  nothingNew: {
    id: 'home.dashboard.nothingNew',
    defaultMessage:
      'Rien de nouveau pour le moment. Vos nouveaux messages, vos nouveaux documents et les derniers accès à votre profil apparaîtront ici.',
  },
});

const sections = [
  { title: m.profileTitle, desc: m.profileDesc, to: '/profil-medical', picto: <Health /> },
  { title: m.documentsTitle, desc: m.documentsDesc, to: '/documents', picto: <Document /> },
  { title: m.messagingTitle, desc: m.messagingDesc, to: '/messagerie', picto: <MainSend /> },
  { title: m.settingsTitle, desc: m.settingsDesc, to: '/parametres', picto: <FlowSettings /> },
];

/** Home page of a signed-in person (R12, seed 003 step 3): greeting, sections, what is new. */
export function DashboardPage() {
  const { me, profile } = useActiveProfile();
  const intl = useIntl();
  usePageTitle(intl.formatMessage(m.pageTitle));
  const actingForSomeoneElse = profile.id !== me.profile.id;
  // The same queries as the settings' invitations and the header's badge: one read each, shared.
  const invitationsQuery = useInvitations();
  const invitations = invitationsQuery.data?.invitations.length ?? (invitationsQuery.isError ? 0 : null);
  const unread = useUnread(profile.id);
  return (
    <div className={fr.cx('fr-container', 'fr-my-6w')}>
      <h1>
        <FormattedMessage {...m.greeting} values={{ firstName: me.profile.firstName }} />
      </h1>
      {actingForSomeoneElse ? (
        <p className={fr.cx('fr-text--lead')}>
          <FormattedMessage
            {...m.actingFor}
            values={{ fullName: fullName(profile), strong: (chunks) => <strong>{chunks}</strong> }}
          />
        </p>
      ) : (
        <p className={fr.cx('fr-text--lead')}>
          <FormattedMessage {...m.welcome} />
        </p>
      )}

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left', 'fr-mb-4w')}>
        <li>
          <Button iconId="fr-icon-edit-line" linkProps={{ to: '/profil-medical' }}>
            <FormattedMessage {...m.completeProfile} />
          </Button>
        </li>
        <li>
          <Button iconId="fr-icon-add-line" priority="secondary" linkProps={{ to: '/documents' }}>
            <FormattedMessage {...m.addDocument} />
          </Button>
        </li>
      </ul>

      <section aria-labelledby="dashboard-sections" className={fr.cx('fr-mb-6w')}>
        <h2 id="dashboard-sections">
          <FormattedMessage {...m.sectionsTitle} />
        </h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {sections.map((s) => (
            <div key={s.to} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
              <Tile
                title={intl.formatMessage(s.title)}
                titleAs="h3"
                desc={intl.formatMessage(s.desc)}
                linkProps={{ to: s.to }}
                pictogram={s.picto}
                enlargeLinkOrButton
              />
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="dashboard-news">
        <h2 id="dashboard-news">
          <FormattedMessage {...m.newsTitle} />
        </h2>
        {invitations !== null && invitations > 0 && (
          <div className={fr.cx('fr-callout', 'fr-mb-2w')}>
            <p className={fr.cx('fr-callout__text')}>
              <FormattedMessage
                {...m.invitations}
                values={{
                  count: invitations,
                  link: (chunks) => <Link to="/parametres#invitations">{chunks}</Link>,
                }}
              />
            </p>
          </div>
        )}
        {unread !== null && unread > 0 && (
          <div className={fr.cx('fr-callout', 'fr-mb-2w')}>
            <p className={fr.cx('fr-callout__text')}>
              <FormattedMessage
                {...m.unread}
                values={{ count: unread, link: (chunks) => <Link to="/messagerie">{chunks}</Link> }}
              />
            </p>
          </div>
        )}
        {invitations === 0 && !unread && (
          <div className={fr.cx('fr-callout')}>
            <p className={fr.cx('fr-callout__text')}>
              <FormattedMessage {...m.nothingNew} />
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
