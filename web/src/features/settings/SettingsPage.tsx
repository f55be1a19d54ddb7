import { useIntl } from 'react-intl';
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
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  closureTitle: { id: 'settings.closure.title', defaultMessage: 'Clôture du profil' },
  closureChild: { id: 'settings.closure.child', defaultMessage: 'Clôturer le profil Mon espace santé de {name}.' },
  closureOwn: {
    id: 'settings.closure.own',
    defaultMessage: 'Clôturer votre profil Mon espace santé, avec ou sans suppression définitive des données.',
  },
  closureButton: { id: 'settings.closure.button', defaultMessage: 'Clôture du profil' },
  title: { id: 'settings.page.title', defaultMessage: 'Paramètres' },
  childLead: { id: 'settings.page.childLead', defaultMessage: 'Paramètres du profil de {name}.' },
  childOwnHint: {
    id: 'settings.page.childOwnHint',
    defaultMessage: 'Pour vos propres paramètres, ouvrez votre profil dans le menu de profil.',
  },
  caregiverLead: { id: 'settings.page.caregiverLead', defaultMessage: 'Vous aidez {name}.' },
  caregiverText: {
    id: 'settings.page.caregiverText',
    defaultMessage:
      "En tant qu'aidant, vous ne pouvez pas modifier les paramètres de cet espace : les accès, les coordonnées et la clôture restent gérés par la personne aidée.",
  },
  lead: {
    id: 'settings.page.lead',
    defaultMessage: 'Vos coordonnées, votre mot de passe, vos aidants et les appareils où votre espace est ouvert.',
  },
});

/** « Clôture du profil »: the way to the closure page (R10). */
function ClosureSection({ child }: { child?: string }) {
  const intl = useIntl();
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="closure-title">
      <h2 id="closure-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.closureTitle)}
      </h2>
      <p>{child ? intl.formatMessage(m.closureChild, { name: child }) : intl.formatMessage(m.closureOwn)}</p>
      <Button priority="secondary" linkProps={{ to: '/parametres/cloture' }}>
        {intl.formatMessage(m.closureButton)}
      </Button>
    </section>
  );
}

/**
 * « Paramètres » of the open profile. My own: contact details, password, sessions, caregivers and the
 * invitations I received. A child's: the legal representatives. Someone I help: nothing to manage (R5).
 */
export function SettingsPage() {
  const intl = useIntl();
  const title = intl.formatMessage(m.title);
  const { profile } = useActiveProfile();
  if (profile.relation === 'child') {
    return (
      <Page title={title} lead={intl.formatMessage(m.childLead, { name: fullName(profile) })}>
        <SecondRepresentativeSection profileId={profile.id} />
        <AccessSettingsSection />
        <ExportPanel key={profile.id} profileId={profile.id} />
        <ClosureSection child={fullName(profile)} />
        <p className={fr.cx('fr-hint-text')}>{intl.formatMessage(m.childOwnHint)}</p>
      </Page>
    );
  }
  if (profile.relation === 'caregiver') {
    return (
      <Page title={title} lead={intl.formatMessage(m.caregiverLead, { name: fullName(profile) })}>
        <p>{intl.formatMessage(m.caregiverText)}</p>
      </Page>
    );
  }
  return (
    <Page title={title} lead={intl.formatMessage(m.lead)}>
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
