import { useSearchParams } from 'react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Page } from '../../components/Page';
import { errorCatalog, type ErrorCode } from '../../../../shared/src/errors.js';
import { errorMessage } from '../../../../shared/src/errors.en.js';
import { useLocale } from '../../i18n';
import { defineMessages } from '../../i18n/messages';
import { SIGN_IN_URL } from './pro.api';

const m = defineMessages({
  title: { id: 'pro.signIn.title', defaultMessage: 'Connexion des professionnels de santé' },
  lead: {
    id: 'pro.signIn.lead',
    defaultMessage:
      "Accédez à l'espace santé de vos patients avec votre carte professionnelle (CPS) ou l'application e-CPS.",
  },
  button: { id: 'pro.signIn.button', defaultMessage: 'Se connecter avec ma carte professionnelle' },
  provider: {
    id: 'pro.signIn.provider',
    defaultMessage:
      "La connexion passe par le fournisseur d'identité des professionnels de santé (Pro Santé Connect). Vous êtes patient ? <a>Connexion patient</a>.",
  },
});

/** « Connexion des professionnels de santé »: one button to the identity provider (card or e-CPS). */
export function ProSignInPage() {
  const intl = useIntl();
  const [params] = useSearchParams();
  const code = params.get('erreur');
  const { locale } = useLocale();
  const message =
    code && code in errorCatalog
      ? errorMessage(code as ErrorCode, locale)
      : code
        ? errorMessage('PRO_SIGNIN_FAILED', locale)
        : null;
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {message && (
        <div role="alert" className={fr.cx('fr-mb-3w')}>
          <Alert severity="error" small description={message} />
        </div>
      )}
      <a className={fr.cx('fr-btn', 'fr-icon-account-circle-line', 'fr-btn--icon-left')} href={SIGN_IN_URL}>
        {intl.formatMessage(m.button)}
      </a>
      <p className={fr.cx('fr-text--sm', 'fr-mt-3w')}>
        <FormattedMessage {...m.provider} values={{ a: (c) => <a href="/connexion">{c}</a> }} />
      </p>
    </Page>
  );
}
