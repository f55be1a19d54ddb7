import { createBrowserRouter } from 'react-router';
import { Root } from './components/Root';
import { PublicLayout } from './components/PublicLayout';
import { SignedInLayout } from './components/SignedInLayout';
import { HomePage } from './features/home/HomePage';
import { DashboardPage } from './features/home/DashboardPage';
import { ActivationPage } from './features/identity/ActivationPage';
import { LoginPage } from './features/identity/LoginPage';
import { NewCodePage } from './features/identity/NewCodePage';
import { ForgotPasswordPage, ForgotUsernamePage } from './features/identity/ForgotPages';
import { DevMailboxPage } from './features/devmailbox/DevMailboxPage';
import { AccessibilityPage } from './features/legal/AccessibilityPage';
import { SiteMapPage } from './features/legal/SiteMapPage';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { MedicalProfilePage } from './features/medical/MedicalProfilePage';
import { DiscoveryPage } from './features/medical/DiscoveryPage';
import { DocumentsPage } from './features/documents/DocumentsPage';
import { MessagingPage } from './features/messaging/MessagingPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { AddProfilePage } from './features/family/AddProfilePage';

/** Every page of the web app. Public pages first; signed-in pages under SignedInLayout. */
export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'activation', element: <ActivationPage /> },
          { path: 'activation/nouveau-code', element: <NewCodePage /> },
          { path: 'connexion', element: <LoginPage /> },
          { path: 'connexion/mot-de-passe-oublie', element: <ForgotPasswordPage /> },
          { path: 'connexion/identifiant-oublie', element: <ForgotUsernamePage /> },
          { path: 'accessibilite', element: <AccessibilityPage /> },
          { path: 'plan-du-site', element: <SiteMapPage /> },
          { path: 'dev/mailbox', element: <DevMailboxPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: <SignedInLayout />,
        children: [
          { path: 'accueil', element: <DashboardPage /> },
          { path: 'profil-medical/*', element: <MedicalProfilePage /> },
          { path: 'decouverte', element: <DiscoveryPage /> },
          { path: 'documents', element: <DocumentsPage /> },
          { path: 'messagerie', element: <MessagingPage /> },
          { path: 'parametres', element: <SettingsPage /> },
          { path: 'profils/ajouter', element: <AddProfilePage /> },
        ],
      },
    ],
  },
]);
