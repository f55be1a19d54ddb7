import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';

/** Back to « Paramètres ». */
export function SettingsBack() {
  return (
    <p>
      <Link to="/parametres" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
        Retour aux paramètres
      </Link>
    </p>
  );
}
