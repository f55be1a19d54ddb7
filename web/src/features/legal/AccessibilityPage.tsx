import { Page } from '../../components/Page';

/** « Accessibilité : non conforme » (the footer's link): no RGAA audit has been made yet. */
export function AccessibilityPage() {
  return (
    <Page title="Déclaration d'accessibilité" lead="Carnet s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.">
      <h2>État de conformité</h2>
      <p>
        Carnet est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité (RGAA) : aucun audit n'a encore été réalisé. Chaque page est néanmoins vérifiée
        automatiquement (axe) et se parcourt au clavier.
      </p>
      <h2>Retour d'information</h2>
      <p>Si vous n'arrivez pas à accéder à un contenu ou à un service, signalez-le aux responsables de ce site pour être orienté vers une alternative accessible.</p>
    </Page>
  );
}
