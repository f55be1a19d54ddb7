import { LanguageSelect } from '@codegouvfr/react-dsfr/LanguageSelect';
import { LOCALES, LOCALE_NAMES, type Locale } from '../../../shared/src/locale.js';
import { call } from '../client';
import { loginRoutes } from '../../../shared/src/routes/identity.routes.js';
import { useLocale } from './index';

/**
 * « Français / English » in the header. The choice is remembered by this browser; a signed-in person's is saved on
 * their account too (PUT /api/me/language), so that their e-mails, SMS and PDFs follow it.
 */
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const { locale, setLocale } = useLocale();
  const choose = (next: Locale) => {
    setLocale(next);
    if (signedIn) void call(loginRoutes.setLanguage, { body: { locale: next } }).catch(() => undefined);
  };
  return (
    <LanguageSelect
      id="carnet-language"
      supportedLangs={LOCALES}
      fullNameByLang={LOCALE_NAMES}
      lang={locale}
      setLang={choose}
    />
  );
}
