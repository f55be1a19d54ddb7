import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Page } from '../../components/Page';
import { errorCatalog, type ErrorCode } from '../../../../shared/src/errors.js';
import { SIGN_IN_URL } from './pro.api';

/** « Connexion des professionnels de santé »: one button to the identity provider (card or e-CPS). */
export function ProSignInPage() {
  const [params] = useSearchParams();
  const code = params.get('erreur');
  const message =
    code && code in errorCatalog
      ? errorCatalog[code as ErrorCode].message
      : code
        ? errorCatalog.PRO_SIGNIN_FAILED.message
        : null;
  return (
    <Page
      title="Connexion des professionnels de santé"
      lead="Accédez à l'espace santé de vos patients avec votre carte professionnelle (CPS) ou l'application e-CPS."
    >
      {message && (
        <div role="alert" className={fr.cx('fr-mb-3w')}>
          <Alert severity="error" small description={message} />
        </div>
      )}
      <a className={fr.cx('fr-btn', 'fr-icon-account-circle-line', 'fr-btn--icon-left')} href={SIGN_IN_URL}>
        Se connecter avec ma carte professionnelle
      </a>
      <p className={fr.cx('fr-text--sm', 'fr-mt-3w')}>
        La connexion passe par le fournisseur d'identité des professionnels de santé (Pro Santé Connect). Vous êtes
        patient ? <a href="/connexion">Connexion patient</a>.
      </p>
    </Page>
  );
}
