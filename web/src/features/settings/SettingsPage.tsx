import { fr } from '@codegouvfr/react-dsfr';
import { Page } from '../../components/Page';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { PasskeysSection } from '../devices/PasskeysSection';
import { ContactSection, PasswordSection, SessionsSection } from '../identity/AccountSettings';
import { CaregiversSection, InvitationsSection, SecondRepresentativeSection } from '../family/FamilySettings';
import { AccessSettingsSection } from '../access/AccessSettings';
import { NotificationSettings } from './NotificationSettings';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ExportPanel } from '../closure/ExportPanel';

/** « Clôture du profil »: the way to the closure page (R10). */
function ClosureSection({ child }: { child?: string }) {
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="closure-title">
      <h2 id="closure-title" className={fr.cx('fr-h4')}>
        Clôture du profil
      </h2>
      <p>
        {child
          ? `Clôturer le profil Mon espace santé de ${child}.`
          : 'Clôturer votre profil Mon espace santé, avec ou sans suppression définitive des données.'}
      </p>
      <Button priority="secondary" linkProps={{ to: '/parametres/cloture' }}>
        Clôture du profil
      </Button>
    </section>
  );
}

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
        <ExportPanel key={profile.id} profileId={profile.id} />
        <ClosureSection child={fullName(profile)} />
        <p className={fr.cx('fr-hint-text')}>
          Pour vos propres paramètres, ouvrez votre profil dans le menu de profil.
        </p>
      </Page>
    );
  }
  if (profile.relation === 'caregiver') {
    return (
      <Page title="Paramètres" lead={`Vous aidez ${fullName(profile)}.`}>
        <p>
          En tant qu'aidant, vous ne pouvez pas modifier les paramètres de cet espace : les accès, les coordonnées et la
          clôture restent gérés par la personne aidée.
        </p>
      </Page>
    );
  }
  return (
    <Page
      title="Paramètres"
      lead="Vos coordonnées, votre mot de passe, vos aidants et les appareils où votre espace est ouvert."
    >
      <InvitationsSection />
      <ContactSection />
      <PasswordSection />
      {/* Keyed by the profile (here and the download panel): a choice in progress, a notice, a password typed
          are not carried over to another profile. */}
      <NotificationSettings key={profile.id} profileId={profile.id} />
      <CaregiversSection profileId={profile.id} />
      <AccessSettingsSection />
      <SessionsSection />
      <PasskeysSection />
      <ExportPanel key={profile.id} profileId={profile.id} />
      <ClosureSection />
    </Page>
  );
}
