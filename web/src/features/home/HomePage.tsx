import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import Document from '@codegouvfr/react-dsfr/picto/Document';
import Health from '@codegouvfr/react-dsfr/picto/Health';
import MainSend from '@codegouvfr/react-dsfr/picto/MainSend';
import Avatar from '@codegouvfr/react-dsfr/picto/Avatar';
import { usePageTitle } from '../../components/usePageTitle';
import { useSite } from '../../site';

const features = [
  {
    title: 'Mes documents de santé',
    desc: "Ordonnances, résultats d'analyses, comptes rendus : vos documents et ceux de vos professionnels de santé, au même endroit.",
    picto: <Document />,
  },
  {
    title: 'Mon profil médical',
    desc: 'Maladies, traitements, allergies, vaccinations et mesures de santé, pour les partager avec qui vous soigne.',
    picto: <Health />,
  },
  {
    title: 'Une messagerie sécurisée',
    desc: 'Échangez avec les professionnels de santé qui vous ont écrit, et recevez leurs documents en toute confidentialité.',
    picto: <MainSend />,
  },
  {
    title: 'Vous gardez la main',
    desc: "Vous choisissez qui voit quoi, vous consultez l'historique des accès et gérez les profils de vos enfants.",
    picto: <Avatar />,
  },
];

/** Home page of a visitor who is not signed in (seed 000 II.1 and II.2). */
export function HomePage() {
  const { serviceName } = useSite();
  usePageTitle('Accueil');
  return (
    <>
      <section className="carnet-hero">
        <div className={fr.cx('fr-container', 'fr-py-6w')}>
          <h1 className="carnet-hero__title">Mon espace santé, votre carnet de santé numérique</h1>
          <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>
            Avec {serviceName}, conservez vos informations de santé en un seul endroit sécurisé et partagez-les avec les
            professionnels de santé qui vous soignent.
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--lg')}>
            <li>
              <Button size="large" linkProps={{ to: '/activation' }}>
                Activer Mon espace santé
              </Button>
            </li>
            <li>
              <Button size="large" priority="secondary" linkProps={{ to: '/connexion' }}>
                Connexion
              </Button>
            </li>
          </ul>
        </div>
      </section>

      <section className={fr.cx('fr-container', 'fr-py-6w')} aria-labelledby="home-features">
        <h2 id="home-features">Ce que vous pouvez faire</h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {features.map((f) => (
            <div key={f.title} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
              <Tile title={f.title} titleAs="h3" desc={f.desc} pictogram={f.picto} className="carnet-tile--static" />
            </div>
          ))}
        </div>
      </section>

      <section className={fr.cx('fr-container', 'fr-pb-6w')}>
        <CallOut title="Vous avez reçu un code provisoire ?" titleAs="h2" iconId="fr-icon-information-line">
          Votre espace est créé automatiquement, sauf si vous vous y opposez dans les 6 semaines qui suivent l'envoi de
          votre code. Avec ce code, vous pouvez l'activer dès maintenant ou vous opposer à sa création. Vous avez perdu
          votre code ? Vous pourrez en demander un nouveau depuis la page d'activation.
        </CallOut>
      </section>
    </>
  );
}
