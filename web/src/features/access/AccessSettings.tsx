import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';

const links = [
  { to: '/parametres/professionnels', title: 'Professionnels de santé', about: 'Les professionnels autorisés à consulter vos données, ceux que vous avez bloqués, les administrateurs et les rôles.' },
  { to: '/parametres/acces-urgence', title: 'Accès en cas d’urgence', about: 'Le SAMU, les professionnels en urgence, vos documents masqués.' },
  { to: '/parametres/historique', title: 'Historique d’activité', about: 'Qui a consulté ou modifié vos données, et quand.' },
];

/** « Paramètres »: the way to the professionals' access (a caregiver never sees it: R5). */
export function AccessSettingsSection() {
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="access-settings-title">
      <h2 id="access-settings-title" className={fr.cx('fr-h4')}>
        Gérer l’accès de mes professionnels de santé
      </h2>
      <ul className={fr.cx('fr-raw-list')}>
        {links.map((l) => (
          <li key={l.to} className={fr.cx('fr-mb-2w')}>
            <Link to={l.to} className={fr.cx('fr-link')}>
              {l.title}
            </Link>
            <p className={fr.cx('fr-hint-text', 'fr-mb-0')}>{l.about}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
