import { Link } from 'react-router';
import { Page } from '../../components/Page';

const publicPages = [
  { to: '/', text: 'Accueil' },
  { to: '/activation', text: 'Activer Mon espace santé' },
  { to: '/activation/nouveau-code', text: 'Demander un nouveau code provisoire' },
  { to: '/connexion', text: 'Connexion' },
  { to: '/connexion/identifiant-oublie', text: 'Identifiant oublié' },
  { to: '/connexion/mot-de-passe-oublie', text: 'Mot de passe oublié' },
  { to: '/accessibilite', text: "Déclaration d'accessibilité" },
];

const signedInPages = [
  { to: '/accueil', text: 'Accueil de mon espace' },
  {
    to: '/profil-medical',
    text: 'Profil médical',
    children: [
      { to: '/profil-medical/maladies', text: 'Maladies et sujets de santé' },
      { to: '/profil-medical/traitements', text: 'Traitements' },
      { to: '/profil-medical/allergies', text: 'Allergies' },
      { to: '/profil-medical/vaccinations', text: 'Vaccinations' },
      { to: '/profil-medical/mesures', text: 'Mesures de santé' },
      { to: '/profil-medical/entourage-volontes', text: 'Entourage et volontés' },
      { to: '/profil-medical/historique-soins', text: 'Historique de soins' },
    ],
  },
  { to: '/documents', text: 'Documents' },
  { to: '/messagerie', text: 'Messagerie' },
  { to: '/parametres', text: 'Paramètres' },
  { to: '/profils/ajouter', text: 'Ajouter un ou plusieurs profils' },
];

/** « Plan du site » (RGAA 12.1: a second way to find a page, besides the menu). */
export function SiteMapPage() {
  return (
    <Page title="Plan du site" lead="Toutes les pages du service. Celles de « Mon espace » demandent d'être connecté.">
      <h2>Pages ouvertes à tous</h2>
      <ul>
        {publicPages.map((p) => (
          <li key={p.to}>
            <Link to={p.to}>{p.text}</Link>
          </li>
        ))}
      </ul>
      <h2>Mon espace</h2>
      <ul>
        {signedInPages.map((p) => (
          <li key={p.to}>
            <Link to={p.to}>{p.text}</Link>
            {p.children && (
              <ul>
                {p.children.map((c) => (
                  <li key={c.to}>
                    <Link to={c.to}>{c.text}</Link>
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
