import { createIntl, type IntlShape } from 'react-intl';
import { devicesRoutes } from '../../../../shared/src/routes/devices.routes.js';
import { ApiError } from '../../api';
import { call } from '../../client';
import { defineMessages } from '../../i18n/messages';

export const passkeyMessages = defineMessages({
  cancelled: {
    id: 'devices.passkeys.cancelled',
    defaultMessage:
      "La clé d'accès n'a pas été utilisée (demande annulée ou délai dépassé). Réessayez quand vous voulez.",
  },
});

/** What formats the messages shown to people: the calling component's `useIntl()`. */
type Formatter = Pick<IntlShape, 'formatMessage'>;

/** For a caller that passes no `intl`: the French text (the built app's defaultMessage is compiled, not a string). */
let french: Formatter | undefined;
const frenchIntl = (): Formatter => (french ??= createIntl({ locale: 'fr', defaultLocale: 'fr' }));

/** The WebAuthn library loads on a passkey's first use, not with the sign-in page (issue 13: first page's weight). */
const webauthn = () => import('@simplewebauthn/browser');

/** The browser's WebAuthn answer, or an ApiError people can read (a refusal of the phone is not a crash). */
async function ceremony<T>(run: () => Promise<T>, intl?: Formatter): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const message = (intl ?? frenchIntl()).formatMessage(passkeyMessages.cancelled);
    throw new ApiError(0, 'PASSKEY_CANCELLED', message);
  }
}

/**
 * « Ajouter une clé d'accès »: the phone creates a key (fingerprint, face or its code); the server keeps its public
 * part.
 */
export async function registerPasskey(intl?: Formatter) {
  const { token, options } = await call(devicesRoutes.registerOptions, {});
  const credential = await ceremony(
    async () => (await webauthn()).startRegistration({ optionsJSON: options as never }),
    intl,
  );
  return call(devicesRoutes.register, { body: { token, credential: credential as never } });
}

/** « Se connecter avec une clé d'accès »: a new session without password or code. */
export async function signInWithPasskey(intl?: Formatter) {
  const { token, options } = await call(devicesRoutes.loginOptions, {});
  const credential = await ceremony(
    async () => (await webauthn()).startAuthentication({ optionsJSON: options as never }),
    intl,
  );
  return call(devicesRoutes.login, { body: { token, credential: credential as never } });
}
