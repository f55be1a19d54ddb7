import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Page } from '../../components/Page';

/** « Connexion » (R3): placeholder; the identity journey replaces this page. */
export function LoginPage() {
  return (
    <Page title="Connexion" heading="Connexion à Mon espace santé" lead="Vous vous connecterez avec votre identifiant, votre mot de passe et un code à usage unique reçu par e-mail ou par SMS.">
      <div className={fr.cx('fr-callout', 'fr-my-4w')}>
        <p className={fr.cx('fr-callout__text')}>La connexion arrive bientôt.</p>
      </div>
      <Button priority="secondary" linkProps={{ to: '/' }}>
        Retour à l'accueil
      </Button>
    </Page>
  );
}
