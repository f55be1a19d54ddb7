import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  home: { id: 'legal.siteMap.home', defaultMessage: 'Accueil' },
  activation: { id: 'legal.siteMap.activation', defaultMessage: 'Activer Mon espace santé' },
  newCode: { id: 'legal.siteMap.newCode', defaultMessage: 'Demander un nouveau code provisoire' },
  signIn: { id: 'legal.siteMap.signIn', defaultMessage: 'Connexion' },
  forgotId: { id: 'legal.siteMap.forgotId', defaultMessage: 'Identifiant oublié' },
  forgotPassword: { id: 'legal.siteMap.forgotPassword', defaultMessage: 'Mot de passe oublié' },
  accessibility: { id: 'legal.siteMap.accessibility', defaultMessage: "Déclaration d'accessibilité" },
  spaceHome: { id: 'legal.siteMap.spaceHome', defaultMessage: 'Accueil de mon espace' },
  medicalProfile: { id: 'legal.siteMap.medicalProfile', defaultMessage: 'Profil médical' },
  conditions: { id: 'legal.siteMap.conditions', defaultMessage: 'Maladies et sujets de santé' },
  treatments: { id: 'legal.siteMap.treatments', defaultMessage: 'Traitements' },
  allergies: { id: 'legal.siteMap.allergies', defaultMessage: 'Allergies' },
  vaccinations: { id: 'legal.siteMap.vaccinations', defaultMessage: 'Vaccinations' },
  measures: { id: 'legal.siteMap.measures', defaultMessage: 'Mesures de santé' },
  wishes: { id: 'legal.siteMap.wishes', defaultMessage: 'Entourage et volontés' },
  careHistory: { id: 'legal.siteMap.careHistory', defaultMessage: 'Historique de soins' },
  documents: { id: 'legal.siteMap.documents', defaultMessage: 'Documents' },
  messaging: { id: 'legal.siteMap.messaging', defaultMessage: 'Messagerie' },
  settings: { id: 'legal.siteMap.settings', defaultMessage: 'Paramètres' },
  addProfiles: { id: 'legal.siteMap.addProfiles', defaultMessage: 'Ajouter un ou plusieurs profils' },
  title: { id: 'legal.siteMap.title', defaultMessage: 'Plan du site' },
  lead: {
    id: 'legal.siteMap.lead',
    defaultMessage: "Toutes les pages du service. Celles de « Mon espace » demandent d'être connecté.",
  },
  publicHeading: { id: 'legal.siteMap.publicHeading', defaultMessage: 'Pages ouvertes à tous' },
  signedInHeading: { id: 'legal.siteMap.signedInHeading', defaultMessage: 'Mon espace' },
});

interface SitePage {
  to: string;
  text: Message;
  children?: SitePage[];
}

const publicPages: SitePage[] = [
  { to: '/', text: m.home },
  { to: '/activation', text: m.activation },
  { to: '/activation/nouveau-code', text: m.newCode },
  { to: '/connexion', text: m.signIn },
  { to: '/connexion/identifiant-oublie', text: m.forgotId },
  { to: '/connexion/mot-de-passe-oublie', text: m.forgotPassword },
  { to: '/accessibilite', text: m.accessibility },
];

const signedInPages: SitePage[] = [
  { to: '/accueil', text: m.spaceHome },
  {
    to: '/profil-medical',
    text: m.medicalProfile,
    children: [
      { to: '/profil-medical/maladies', text: m.conditions },
      { to: '/profil-medical/traitements', text: m.treatments },
      { to: '/profil-medical/allergies', text: m.allergies },
      { to: '/profil-medical/vaccinations', text: m.vaccinations },
      { to: '/profil-medical/mesures', text: m.measures },
      { to: '/profil-medical/entourage-volontes', text: m.wishes },
      { to: '/profil-medical/historique-soins', text: m.careHistory },
    ],
  },
  { to: '/documents', text: m.documents },
  { to: '/messagerie', text: m.messaging },
  { to: '/parametres', text: m.settings },
  { to: '/profils/ajouter', text: m.addProfiles },
];

/** « Plan du site » (RGAA 12.1: a second way to find a page, besides the menu). */
export function SiteMapPage() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <h2>{intl.formatMessage(m.publicHeading)}</h2>
      <ul>
        {publicPages.map((p) => (
          <li key={p.to}>
            <Link to={p.to}>{intl.formatMessage(p.text)}</Link>
          </li>
        ))}
      </ul>
      <h2>{intl.formatMessage(m.signedInHeading)}</h2>
      <ul>
        {signedInPages.map((p) => (
          <li key={p.to}>
            <Link to={p.to}>{intl.formatMessage(p.text)}</Link>
            {p.children && (
              <ul>
                {p.children.map((c) => (
                  <li key={c.to}>
                    <Link to={c.to}>{intl.formatMessage(c.text)}</Link>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
