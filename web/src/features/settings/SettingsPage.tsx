import { fr } from '@codegouvfr/react-dsfr';
import { Page } from '../../components/Page';
import { ContactSection, PasswordSection, SessionsSection } from '../identity/AccountSettings';

/** « Paramètres »: contact details, password and sessions now; access rights, children's profiles and closure come with their issues. */
export function SettingsPage() {
  return (
    <Page title="Paramètres" lead="Vos coordonnées, votre mot de passe et les appareils où votre espace est ouvert.">
      <ContactSection />
      <PasswordSection />
      <SessionsSection />
      <p className={fr.cx('fr-hint-text')}>Les professionnels autorisés, les profils de vos enfants et la clôture du profil arrivent bientôt.</p>
    </Page>
  );
}
