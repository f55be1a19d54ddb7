import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Page } from '../../components/Page';

/** « Activer Mon espace santé » (R2): placeholder; the identity journey replaces this page. */
export function ActivationPage() {
  return (
    <Page title="Activer Mon espace santé" lead="Pour activer votre espace, munissez-vous de :">
      <ul>
        <li>votre code provisoire, reçu par courrier ou par e-mail ;</li>
        <li>votre numéro de sécurité sociale ;</li>
        <li>votre date de naissance ;</li>
        <li>le numéro de série de votre carte Vitale.</li>
      </ul>
      <div className={fr.cx('fr-callout', 'fr-my-4w')}>
        <p className={fr.cx('fr-callout__text')}>Cette démarche arrive bientôt.</p>
      </div>
      <Button priority="secondary" linkProps={{ to: '/' }}>
        Retour à l'accueil
      </Button>
    </Page>
  );
}
