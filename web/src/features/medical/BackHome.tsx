import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';

/** « Retour au profil médical », at the top of each page of the medical profile. */
export function BackHome() {
  return (
    <p>
      <Link to="/profil-medical" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
        Retour au profil médical
      </Link>
    </p>
  );
}
