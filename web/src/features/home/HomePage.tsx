import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import Document from '@codegouvfr/react-dsfr/picto/Document';
import Health from '@codegouvfr/react-dsfr/picto/Health';
import MainSend from '@codegouvfr/react-dsfr/picto/MainSend';
import Avatar from '@codegouvfr/react-dsfr/picto/Avatar';
import { FormattedMessage, useIntl } from 'react-intl';
import { defineMessages } from '../../i18n/messages';
import { usePageTitle } from '../../components/usePageTitle';
import { useSite } from '../../site';

const m = defineMessages({
  pageTitle: { id: 'home.home.pageTitle', defaultMessage: 'Accueil' },
  documentsTitle: { id: 'home.home.documentsTitle', defaultMessage: 'Mes documents de santé' },
  documentsDesc: {
    id: 'home.home.documentsDesc',
    defaultMessage:
      "Ordonnances, résultats d'analyses, comptes rendus : vos documents et ceux de vos professionnels de santé, au même endroit.",
  },
  profileTitle: { id: 'home.home.profileTitle', defaultMessage: 'Mon profil médical' },
  profileDesc: {
    id: 'home.home.profileDesc',
    defaultMessage:
      'Maladies, traitements, allergies, vaccinations et mesures de santé, pour les partager avec qui vous soigne.',
  },
  messagingTitle: { id: 'home.home.messagingTitle', defaultMessage: 'Une messagerie sécurisée' },
  messagingDesc: {
    id: 'home.home.messagingDesc',
    defaultMessage:
      'Échangez avec les professionnels de santé qui vous ont écrit, et recevez leurs documents en toute confidentialité.',
  },
  controlTitle: { id: 'home.home.controlTitle', defaultMessage: 'Vous gardez la main' },
  controlDesc: {
    id: 'home.home.controlDesc',
    defaultMessage:
      "Vous choisissez qui voit quoi, vous consultez l'historique des accès et gérez les profils de vos enfants.",
  },
  heroTitle: { id: 'home.home.heroTitle', defaultMessage: 'Mon espace santé, votre carnet de santé numérique' },
  heroLead: {
    id: 'home.home.heroLead',
    defaultMessage:
      'Avec {service}, conservez vos informations de santé en un seul endroit sécurisé et partagez-les avec les professionnels de santé qui vous soignent.',
  },
  activate: { id: 'home.home.activate', defaultMessage: 'Activer Mon espace santé' },
  signIn: { id: 'home.home.signIn', defaultMessage: 'Connexion' },
  featuresTitle: { id: 'home.home.featuresTitle', defaultMessage: 'Ce que vous pouvez faire' },
  codeTitle: { id: 'home.home.codeTitle', defaultMessage: 'Vous avez reçu un code provisoire ?' },
  codeText: {
    id: 'home.home.codeText',
    defaultMessage:
      "Votre espace est créé automatiquement, sauf si vous vous y opposez dans les 6 semaines qui suivent l'envoi de votre code. Avec ce code, vous pouvez l'activer dès maintenant ou vous opposer à sa création. Vous avez perdu votre code ? Vous pourrez en demander un nouveau depuis la page d'activation.",
  },
});

const features = [
  { title: m.documentsTitle, desc: m.documentsDesc, picto: <Document /> },
  { title: m.profileTitle, desc: m.profileDesc, picto: <Health /> },
  { title: m.messagingTitle, desc: m.messagingDesc, picto: <MainSend /> },
  { title: m.controlTitle, desc: m.controlDesc, picto: <Avatar /> },
];

/** Home page of a visitor who is not signed in (seed 000 II.1 and II.2). */
export function HomePage() {
  const { serviceName } = useSite();
  const intl = useIntl();
  usePageTitle(intl.formatMessage(m.pageTitle));
  return (
    <>
      <section className="carnet-hero">
        <div className={fr.cx('fr-container', 'fr-py-6w')}>
          <h1 className="carnet-hero__title">
            <FormattedMessage {...m.heroTitle} />
          </h1>
          <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>
            <FormattedMessage {...m.heroLead} values={{ service: serviceName }} />
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--lg')}>
            <li>
              <Button size="large" linkProps={{ to: '/activation' }}>
                <FormattedMessage {...m.activate} />
              </Button>
            </li>
            <li>
              <Button size="large" priority="secondary" linkProps={{ to: '/connexion' }}>
                <FormattedMessage {...m.signIn} />
              </Button>
            </li>
          </ul>
        </div>
      </section>

      <section className={fr.cx('fr-container', 'fr-py-6w')} aria-labelledby="home-features">
        <h2 id="home-features">
          <FormattedMessage {...m.featuresTitle} />
        </h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {features.map((f) => (
            <div key={f.title.id} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
              <Tile
                title={intl.formatMessage(f.title)}
                titleAs="h3"
                desc={intl.formatMessage(f.desc)}
                pictogram={f.picto}
                className="carnet-tile--static"
              />
            </div>
          ))}
        </div>
      </section>

      <section className={fr.cx('fr-container', 'fr-pb-6w')}>
        <CallOut title={intl.formatMessage(m.codeTitle)} titleAs="h2" iconId="fr-icon-information-line">
          <FormattedMessage {...m.codeText} />
        </CallOut>
      </section>
    </>
  );
}
