import { ComingSoon } from '../../components/Page';

/** « Profil médical » (R6): placeholder until the medical profile feature lands. */
export function MedicalProfilePage() {
  return <ComingSoon title="Profil médical" about="Maladies et sujets de santé, traitements, allergies, vaccinations, mesures de santé, entourage et volontés, historique de soins." />;
}
