import { defineMessages, type Message } from '../../i18n/messages';

/**
 * The internal RGAA 4.1 assessment behind « Déclaration d'accessibilité »: each of the 106 criteria, respected
 * (C), not respected (NC) or not applicable (NA). How each was judged is in docs/accessibility.md; the page
 * computes its rate from this list, so the statement cannot say more than the audit.
 */
export interface Criterion {
  id: string;
  status: 'C' | 'NC' | 'NA';
  note?: Message;
}

/** The audit's date, as the statement writes it. */
export const auditDate = defineMessages({
  date: { id: 'legal.audit.date', defaultMessage: '1er décembre 2026' },
}).date;

/** The notes of the criteria: why one does not apply, or what fails. */
const n = defineMessages({
  noImageTest: { id: 'legal.audit.noImageTest', defaultMessage: 'pas de test par image (captcha)' },
  noCaptcha: { id: 'legal.audit.noCaptcha', defaultMessage: 'pas de captcha' },
  noTextImage: { id: 'legal.audit.noTextImage', defaultMessage: "pas d'image texte" },
  noImageCaption: { id: 'legal.audit.noImageCaption', defaultMessage: "pas de légende d'image" },
  noFrame: { id: 'legal.audit.noFrame', defaultMessage: 'pas de cadre' },
  noMedia: { id: 'legal.audit.noMedia', defaultMessage: 'pas de son ni de vidéo' },
  noComplexTable: { id: 'legal.audit.noComplexTable', defaultMessage: 'pas de tableau complexe' },
  noLayoutTable: { id: 'legal.audit.noLayoutTable', defaultMessage: 'pas de tableau de mise en forme' },
  noScriptAlternative: {
    id: 'legal.audit.noScriptAlternative',
    defaultMessage: "pas de script ayant besoin d'une alternative",
  },
  noRightToLeft: { id: 'legal.audit.noRightToLeft', defaultMessage: 'pas de texte écrit de droite à gauche' },
  noQuote: { id: 'legal.audit.noQuote', defaultMessage: 'pas de citation' },
  noShapeOnly: {
    id: 'legal.audit.noShapeOnly',
    defaultMessage: "pas d'information donnée par la forme ou la position seule",
  },
  noOptionGroups: { id: 'legal.audit.noOptionGroups', defaultMessage: 'pas de liste de choix à regrouper' },
  noSearchEngine: { id: 'legal.audit.noSearchEngine', defaultMessage: 'pas de moteur de recherche' },
  noShortcut: { id: 'legal.audit.noShortcut', defaultMessage: 'pas de raccourci clavier' },
  untaggedPdf: {
    id: 'legal.audit.untaggedPdf',
    defaultMessage:
      "les PDF produits par le service (synthèse du profil médical, attestation d'opposition, courriers du code provisoire) ne sont pas balisés : un lecteur d'écran les lit mal. Le même contenu est lisible dans les pages du service.",
  },
  noAlternateVersion: { id: 'legal.audit.noAlternateVersion', defaultMessage: 'pas de version accessible distincte' },
  noCrypticContent: { id: 'legal.audit.noCrypticContent', defaultMessage: 'pas de contenu cryptique' },
  noFlashes: { id: 'legal.audit.noFlashes', defaultMessage: 'pas de changement brusque de luminosité' },
  noMovingContent: { id: 'legal.audit.noMovingContent', defaultMessage: 'pas de contenu en mouvement' },
  noDeviceMotion: { id: 'legal.audit.noDeviceMotion', defaultMessage: "pas d'action par le mouvement de l'appareil" },
});

export const audit: Criterion[] = [
  { id: '1.1', status: 'C' },
  { id: '1.2', status: 'C' },
  { id: '1.3', status: 'C' },
  { id: '1.4', status: 'NA', note: n.noImageTest },
  { id: '1.5', status: 'NA', note: n.noCaptcha },
  { id: '1.6', status: 'C' },
  { id: '1.7', status: 'C' },
  { id: '1.8', status: 'NA', note: n.noTextImage },
  { id: '1.9', status: 'NA', note: n.noImageCaption },
  { id: '2.1', status: 'NA', note: n.noFrame },
  { id: '2.2', status: 'NA', note: n.noFrame },
  { id: '3.1', status: 'C' },
  { id: '3.2', status: 'C' },
  { id: '3.3', status: 'C' },
  { id: '4.1', status: 'NA', note: n.noMedia },
  { id: '4.2', status: 'NA', note: n.noMedia },
  { id: '4.3', status: 'NA', note: n.noMedia },
  { id: '4.4', status: 'NA', note: n.noMedia },
  { id: '4.5', status: 'NA', note: n.noMedia },
  { id: '4.6', status: 'NA', note: n.noMedia },
  { id: '4.7', status: 'NA', note: n.noMedia },
  { id: '4.8', status: 'NA', note: n.noMedia },
  { id: '4.9', status: 'NA', note: n.noMedia },
  { id: '4.10', status: 'NA', note: n.noMedia },
  { id: '4.11', status: 'NA', note: n.noMedia },
  { id: '4.12', status: 'NA', note: n.noMedia },
  { id: '4.13', status: 'NA', note: n.noMedia },
  { id: '5.1', status: 'NA', note: n.noComplexTable },
  { id: '5.2', status: 'NA', note: n.noComplexTable },
  { id: '5.3', status: 'NA', note: n.noLayoutTable },
  { id: '5.4', status: 'C' },
  { id: '5.5', status: 'C' },
  { id: '5.6', status: 'C' },
  { id: '5.7', status: 'C' },
  { id: '5.8', status: 'NA', note: n.noLayoutTable },
  { id: '6.1', status: 'C' },
  { id: '6.2', status: 'C' },
  { id: '7.1', status: 'C' },
  { id: '7.2', status: 'NA', note: n.noScriptAlternative },
  { id: '7.3', status: 'C' },
  { id: '7.4', status: 'C' },
  { id: '7.5', status: 'C' },
  { id: '8.1', status: 'C' },
  { id: '8.2', status: 'C' },
  { id: '8.3', status: 'C' },
  { id: '8.4', status: 'C' },
  { id: '8.5', status: 'C' },
  { id: '8.6', status: 'C' },
  { id: '8.7', status: 'C' },
  { id: '8.8', status: 'C' },
  { id: '8.9', status: 'C' },
  { id: '8.10', status: 'NA', note: n.noRightToLeft },
  { id: '9.1', status: 'C' },
  { id: '9.2', status: 'C' },
  { id: '9.3', status: 'C' },
  { id: '9.4', status: 'NA', note: n.noQuote },
  { id: '10.1', status: 'C' },
  { id: '10.2', status: 'C' },
  { id: '10.3', status: 'C' },
  { id: '10.4', status: 'C' },
  { id: '10.5', status: 'C' },
  { id: '10.6', status: 'C' },
  { id: '10.7', status: 'C' },
  { id: '10.8', status: 'C' },
  { id: '10.9', status: 'C' },
  { id: '10.10', status: 'NA', note: n.noShapeOnly },
  { id: '10.11', status: 'C' },
  { id: '10.12', status: 'C' },
  { id: '10.13', status: 'C' },
  { id: '10.14', status: 'C' },
  { id: '11.1', status: 'C' },
  { id: '11.2', status: 'C' },
  { id: '11.3', status: 'C' },
  { id: '11.4', status: 'C' },
  { id: '11.5', status: 'C' },
  { id: '11.6', status: 'C' },
  { id: '11.7', status: 'C' },
  { id: '11.8', status: 'NA', note: n.noOptionGroups },
  { id: '11.9', status: 'C' },
  { id: '11.10', status: 'C' },
  { id: '11.11', status: 'C' },
  { id: '11.12', status: 'C' },
  { id: '11.13', status: 'C' },
  { id: '12.1', status: 'C' },
  { id: '12.2', status: 'C' },
  { id: '12.3', status: 'C' },
  { id: '12.4', status: 'C' },
  { id: '12.5', status: 'NA', note: n.noSearchEngine },
  { id: '12.6', status: 'C' },
  { id: '12.7', status: 'C' },
  { id: '12.8', status: 'C' },
  { id: '12.9', status: 'C' },
  { id: '12.10', status: 'NA', note: n.noShortcut },
  { id: '12.11', status: 'C' },
  { id: '13.1', status: 'C' },
  { id: '13.2', status: 'C' },
  {
    id: '13.3',
    status: 'NC',
    note: n.untaggedPdf,
  },
  { id: '13.4', status: 'NA', note: n.noAlternateVersion },
  { id: '13.5', status: 'NA', note: n.noCrypticContent },
  { id: '13.6', status: 'NA', note: n.noCrypticContent },
  { id: '13.7', status: 'NA', note: n.noFlashes },
  { id: '13.8', status: 'NA', note: n.noMovingContent },
  { id: '13.9', status: 'C' },
  { id: '13.10', status: 'C' },
  { id: '13.11', status: 'C' },
  { id: '13.12', status: 'NA', note: n.noDeviceMotion },
];

/** RGAA's rate: respected criteria over applicable ones. */
export function rate() {
  const met = audit.filter((c) => c.status === 'C').length;
  const failed = audit.filter((c) => c.status === 'NC').length;
  return { met, applicable: met + failed, notApplicable: audit.length - met - failed };
}
