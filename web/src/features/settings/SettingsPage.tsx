import { fr } from '@codegouvfr/react-dsfr';
import { Page } from '../../components/Page';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { ContactSection, PasswordSection, SessionsSection } from '../identity/AccountSettings';
import { CaregiversSection, InvitationsSection, SecondRepresentativeSection } from '../family/FamilySettings';
import { AccessSettingsSection } from '../access/AccessSettings';
import { NotificationSettings } from './NotificationSettings';

/**
 * « Paramètres » of the open profile. My own: contact details, password, sessions, caregivers and the
 * invitations I received. A child's: the legal representatives. Someone I help: nothing to manage (R5).
 */
export function SettingsPage() {
  const { profile } = useActiveProfile();
  if (profile.relation === 'child') {
    return (
      <Page title="Paramètres" lead={`Paramètres du profil de ${fullName(profile)}.`}>
        <SecondRepresentativeSection profileId={profile.id} />
        <AccessSettingsSection />
        <p className={fr.cx('fr-hint-text')}>Pour vos propres paramètres, ouvrez votre profil dans le menu de profil.</p>
      </Page>
    );
  }
  if (profile.relation === 'caregiver') {
    return (
      <Page title="Paramètres" lead={`Vous aidez ${fullName(profile)}.`}>
        <p>En tant qu'aidant, vous ne pouvez pas modifier les paramètres de cet espace : les accès, les coordonnées et la clôture restent gérés par la personne aidée.</p>
      </Page>
    );
  }
  return (
    <Page title="Paramètres" lead="Vos coordonnées, votre mot de passe, vos aidants et les appareils où votre espace est ouvert.">
      <InvitationsSection />
      <ContactSection />
      <PasswordSection />
      <NotificationSettings profileId={profile.id} />
      <CaregiversSection profileId={profile.id} />
      <AccessSettingsSection />
      <SessionsSection />
      <p className={fr.cx('fr-hint-text')}>La clôture du profil arrive bientôt.</p>
    </Page>
  );
}
