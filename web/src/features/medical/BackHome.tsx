import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { FormattedMessage } from 'react-intl';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  back: { id: 'medical.backHome.back', defaultMessage: 'Retour au profil médical' },
});

/** « Retour au profil médical », at the top of each page of the medical profile. */
export function BackHome() {
  return (
    <p>
      <Link to="/profil-medical" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
        <FormattedMessage {...m.back} />
      </Link>
    </p>
  );
}
