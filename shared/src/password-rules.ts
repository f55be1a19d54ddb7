/** The rule on the person's own details, without the scorer: the browser shows it beside the field. */
export const PERSONAL_DETAILS_RULE =
  'Le mot de passe ne doit contenir ni votre identifiant, ni votre nom, ni votre prénom.';

/** Whether the password contains one of the person's details (4 characters or more), case aside. */
export function containsPersonalDetails(password: string, userInputs: string[]): boolean {
  const lower = password.toLowerCase();
  return userInputs.some((u) => u.length >= 4 && lower.includes(u.toLowerCase()));
}
