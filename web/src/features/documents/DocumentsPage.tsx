import { ComingSoon } from '../../components/Page';

/** « Documents » (R7): placeholder until the documents feature lands. */
export function DocumentsPage() {
  return <ComingSoon title="Documents" about="Vos documents de santé : ordonnances, résultats d'analyses, comptes rendus, imagerie…" />;
}
