import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, type IntlConfig } from 'react-intl';
import { DEFAULT_LOCALE, LANG_COOKIE, isLocale, type Locale } from '../../../shared/src/locale.js';

/**
 * The web app's languages (issue 15, item 4), with react-intl. French is the source: every message is written in
 * the code as its `defaultMessage` (defineMessages, ids `<feature>.<component>.<key>`), so French pages need no
 * catalog. English lives in `web/src/i18n/en/<feature>.json`, one file per feature folder, loaded only when a
 * person picks English. `catalog.test.ts` fails when an id lacks its English, when an English message names other
 * arguments than the French one, or when a page writes user-visible text outside a message.
 */

const englishCatalogs = import.meta.glob<Record<string, string>>('./en/*.json', { import: 'default' });

async function loadMessages(locale: Locale): Promise<Record<string, string>> {
  if (locale === 'fr') return {};
  const parts = await Promise.all(Object.values(englishCatalogs).map((load) => load()));
  return Object.assign({}, ...parts) as Record<string, string>;
}

/** The language this browser last chose (the carnet_lang cookie the server reads too), else French. */
export function browserLocale(): Locale {
  const match = /(?:^|;\s*)carnet_lang=([^;]*)/.exec(document.cookie);
  const value = match?.[1];
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

function rememberLocale(locale: Locale): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${LANG_COOKIE}=${locale}; Path=/; Max-Age=${365 * 86400}; SameSite=Lax${secure}`;
  document.documentElement.lang = locale;
}

interface LocaleValue {
  locale: Locale;
  /** Shows the pages in this language and remembers it in this browser (the server's answers follow the cookie). */
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleValue>({ locale: DEFAULT_LOCALE, setLocale: () => undefined });

/** The chosen language and how to change it. A signed-in person's choice is saved on their account too. */
export function useLocale(): LocaleValue {
  return useContext(LocaleContext);
}

// French pages use the messages' default (French) text: a missing id is expected there, not an error.
const onError: IntlConfig['onError'] = (error) => {
  if (error.code === 'MISSING_TRANSLATION') {
    if (import.meta.env.DEV) console.warn(error.message);
    return;
  }
  console.error(error);
};

export interface LoadedLocale {
  locale: Locale;
  messages: Record<string, string>;
}

/** The language to start in and its messages, read before the first render (as the site settings are). */
export async function loadInitialLocale(): Promise<LoadedLocale> {
  const locale = browserLocale();
  document.documentElement.lang = locale;
  return { locale, messages: await loadMessages(locale) };
}

/** Provides react-intl with the chosen language; English messages are fetched when a person picks English. */
export function I18nProvider({ initial, children }: { initial: LoadedLocale; children: ReactNode }) {
  const [state, setState] = useState<LoadedLocale>(initial);
  const setLocale = useCallback((locale: Locale) => {
    rememberLocale(locale);
    void loadMessages(locale).then((messages) => setState({ locale, messages }));
  }, []);
  const value = useMemo<LocaleValue>(() => ({ locale: state.locale, setLocale }), [state.locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={state.locale} defaultLocale="fr" messages={state.messages} onError={onError}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
