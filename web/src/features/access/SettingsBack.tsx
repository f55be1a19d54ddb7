import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Page } from '../../components/Page';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  back: { id: 'access.settingsBack.back', defaultMessage: 'Retour aux paramètres' },
  caregiverLead: { id: 'access.notForCaregivers.lead', defaultMessage: 'Vous aidez {name}.' },
  caregiverText: {
    id: 'access.notForCaregivers.text',
    defaultMessage:
      'En tant qu’aidant, vous ne pouvez pas gérer l’accès des professionnels de santé à cet espace : seule la personne aidée le peut.',
  },
});

/** Back to « Paramètres ». */
export function SettingsBack() {
  const intl = useIntl();
  return (
    <p>
      <Link to="/parametres" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
        {intl.formatMessage(m.back)}
      </Link>
    </p>
  );
}

/** A caregiver never manages the professionals' access of the person they help (R5). */
export function NotForCaregivers({ title }: { title: string }) {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  return (
    <Page title={title} lead={intl.formatMessage(m.caregiverLead, { name: fullName(profile) })}>
      <p>{intl.formatMessage(m.caregiverText)}</p>
      <SettingsBack />
    </Page>
  );
}
