import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { Root } from './components/Root';
import { PublicLayout } from './components/PublicLayout';
import { HomePage } from './features/home/HomePage';
import { LoginPage } from './features/identity/LoginPage';
import { NotFoundPage } from './features/errors/NotFoundPage';

/**
 * A page loaded when first visited (issue 13): the first page carries only the home and sign-in pages,
 * not the whole signed-in app. `name` is the component's export.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/** Every page of the web app. Public pages first; signed-in pages under SignedInLayout. */
export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'activation', lazy: page(() => import('./features/identity/ActivationPage'), 'ActivationPage') },
          {
            path: 'activation/nouveau-code',
            lazy: page(() => import('./features/identity/NewCodePage'), 'NewCodePage'),
          },
          { path: 'connexion', element: <LoginPage /> },
          {
            path: 'connexion/mot-de-passe-oublie',
            lazy: page(() => import('./features/identity/ForgotPages'), 'ForgotPasswordPage'),
          },
          {
            path: 'connexion/identifiant-oublie',
            lazy: page(() => import('./features/identity/ForgotPages'), 'ForgotUsernamePage'),
          },
          {
            path: 'accessibilite',
            lazy: page(() => import('./features/legal/AccessibilityPage'), 'AccessibilityPage'),
          },
          { path: 'plan-du-site', lazy: page(() => import('./features/legal/SiteMapPage'), 'SiteMapPage') },
          { path: 'dev/mailbox', lazy: page(() => import('./features/devmailbox/DevMailboxPage'), 'DevMailboxPage') },
          {
            path: 'pro/messagerie/*',
            lazy: page(() => import('./features/messaging/pro/ProMessagingPage'), 'ProMessagingPage'),
          },
          { path: 'profil-cloture', lazy: page(() => import('./features/closure/ClosurePage'), 'ClosedPage') },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        // The professional portal (issue 10): its own session, its own frame.
        path: 'pro',
        lazy: page(() => import('./features/pro/ProLayout'), 'ProLayout'),
        children: [
          { index: true, lazy: page(() => import('./features/pro/ProPortalPage'), 'ProPortalPage') },
          { path: 'connexion', lazy: page(() => import('./features/pro/ProSignInPage'), 'ProSignInPage') },
          { path: 'logiciels', lazy: page(() => import('./features/pro/ProSoftwarePage'), 'ProSoftwarePage') },
        ],
      },
      {
        lazy: page(() => import('./components/SignedInLayout'), 'SignedInLayout'),
        children: [
          { path: 'accueil', lazy: page(() => import('./features/home/DashboardPage'), 'DashboardPage') },
          {
            path: 'profil-medical/*',
            lazy: page(() => import('./features/medical/MedicalProfilePage'), 'MedicalProfilePage'),
          },
          { path: 'decouverte', lazy: page(() => import('./features/medical/DiscoveryPage'), 'DiscoveryPage') },
          { path: 'documents', lazy: page(() => import('./features/documents/DocumentsPage'), 'DocumentsPage') },
          { path: 'messagerie/*', lazy: page(() => import('./features/messaging/MessagingPage'), 'MessagingPage') },
          { path: 'parametres', lazy: page(() => import('./features/settings/SettingsPage'), 'SettingsPage') },
          {
            path: 'parametres/professionnels',
            lazy: page(() => import('./features/access/ProfessionalsPage'), 'ProfessionalsPage'),
          },
          {
            path: 'parametres/acces-urgence',
            lazy: page(() => import('./features/access/EmergencyPage'), 'EmergencyPage'),
          },
          { path: 'parametres/historique', lazy: page(() => import('./features/access/ActivityPage'), 'ActivityPage') },
          { path: 'parametres/cloture', lazy: page(() => import('./features/closure/ClosurePage'), 'ClosurePage') },
          {
            path: 'parametres/cloture/confirmation',
            lazy: page(() => import('./features/closure/ClosurePage'), 'ClosureConfirmPage'),
          },
          { path: 'profils/ajouter', lazy: page(() => import('./features/family/AddProfilePage'), 'AddProfilePage') },
        ],
      },
    ],
  },
]);
