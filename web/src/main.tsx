import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Link } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
// Only the icons the code uses: `react-dsfr update-icons` trims this file before each build.
import '@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css';
import './styles.css';
import { router } from './routes';
import { applyBrandMode } from './components/Brand';
import { loadSite, SiteContext } from './site';
import { makeQueryClient } from './query';
import { I18nProvider, loadInitialLocale, useLocale } from './i18n';

// useLang: the DSFR components' own words (« Menu », « Fermer »…) follow the chosen language.
startReactDsfr({ defaultColorScheme: 'system', Link, useLang: () => useLocale().locale });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const queryClient = makeQueryClient();

// The installed app's offline page (web/public/sw.js caches only that page). Not in development: Vite's server
// would be behind it.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn(error));
  });
}

void Promise.all([loadSite(), loadInitialLocale()]).then(([site, locale]) => {
  applyBrandMode(site);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider initial={locale}>
        <QueryClientProvider client={queryClient}>
          <SiteContext.Provider value={site}>
            <RouterProvider router={router} />
          </SiteContext.Provider>
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
});
