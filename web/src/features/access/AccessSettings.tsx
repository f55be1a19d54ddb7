import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  title: { id: 'access.settings.title', defaultMessage: 'Gérer l’accès de mes professionnels de santé' },
  professionals: { id: 'access.settings.professionals', defaultMessage: 'Professionnels de santé' },
  professionalsAbout: {
    id: 'access.settings.professionalsAbout',
    defaultMessage:
      'Les professionnels autorisés à consulter vos données, ceux que vous avez bloqués, les administrateurs et les rôles.',
  },
  emergency: { id: 'access.settings.emergency', defaultMessage: 'Accès en cas d’urgence' },
  emergencyAbout: {
    id: 'access.settings.emergencyAbout',
    defaultMessage: 'Le SAMU, les professionnels en urgence, vos documents masqués.',
  },
  activity: { id: 'access.settings.activity', defaultMessage: 'Historique d’activité' },
  activityAbout: {
    id: 'access.settings.activityAbout',
    defaultMessage: 'Qui a consulté ou modifié vos données, et quand.',
  },
});

const links = [
  { to: '/parametres/professionnels', title: m.professionals, about: m.professionalsAbout },
  { to: '/parametres/acces-urgence', title: m.emergency, about: m.emergencyAbout },
  { to: '/parametres/historique', title: m.activity, about: m.activityAbout },
];

/** « Paramètres »: the way to the professionals' access (a caregiver never sees it: R5). */
export function AccessSettingsSection() {
  const intl = useIntl();
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="access-settings-title">
      <h2 id="access-settings-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.title)}
      </h2>
      <ul className={fr.cx('fr-raw-list')}>
        {links.map((l) => (
          <li key={l.to} className={fr.cx('fr-mb-2w')}>
            <Link to={l.to} className={fr.cx('fr-link')}>
              {intl.formatMessage(l.title)}
            </Link>
            <p className={fr.cx('fr-hint-text', 'fr-mb-0')}>{intl.formatMessage(l.about)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
