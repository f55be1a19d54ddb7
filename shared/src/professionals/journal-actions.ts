/**
 * The French label and kind of every action the journal records (the `action: '…'` of server/src, and
 * those the professionals' portal writes), shown in « Historique d'activité ». An action missing here
 * still shows, with a generic label: `journal-actions.test.ts` checks that every action of the code is here.
 */
export const activityKinds = {
  read: 'Consultations',
  write: 'Ajouts et modifications',
  access: 'Accès et autorisations',
  account: 'Compte et connexion',
} as const;
export type ActivityKind = keyof typeof activityKinds;

type Entry = readonly [label: string, kind: ActivityKind];

export const journalActions: Readonly<Record<string, Entry>> = {
  'access.refused': ['Accès refusé', 'access'],
  'closure.close': ['Clôture du profil', 'account'],
  'closure.erased': ['Suppression définitive des données', 'account'],
  'closure.export-expired': ['Expiration du téléchargement des données', 'account'],
  'closure.export-failed': ['Échec de la préparation des données', 'account'],
  'closure.export-fetched': ['Téléchargement des données', 'read'],
  'closure.export-ready': ['Données prêtes à télécharger', 'account'],
  'closure.export-requested': ['Demande de téléchargement des données', 'account'],
  'closure.reauth-failed': ['Mot de passe refusé avant la clôture', 'account'],
  'fhir.import': ['Import de données (FHIR)', 'write'],
  'fhir.read': ['Consultation par le logiciel d’un professionnel (API FHIR)', 'read'],
  'fhir.token.refused': ['Jeton d’un logiciel refusé (API FHIR)', 'access'],
  'identity.login-refused': ['Connexion refusée', 'account'],
  'identity.passkey-registered': ['Ajout d’une clé d’accès', 'account'],
  'identity.passkey-revoked': ['Suppression d’une clé d’accès', 'account'],
  'identity.sessions-end-others': ['Déconnexion des autres appareils', 'account'],
  'message.attachment.read': ['Consultation d’une pièce jointe', 'read'],
  'message.conversation.delete': ['Suppression d’une conversation', 'write'],
  'message.count': ['Consultation du nombre de messages non lus', 'read'],
  'message.draft.delete': ['Suppression d’un brouillon', 'write'],
  'message.draft.save': ['Enregistrement d’un brouillon', 'write'],
  'message.draft.file': ['Ajout d’une pièce jointe à un brouillon', 'write'],
  'message.draft.file.delete': ['Retrait d’une pièce jointe d’un brouillon', 'write'],
  'message.end': ['Fin des échanges par le professionnel', 'access'],
  'message.list': ['Consultation de la messagerie', 'read'],
  'message.read': ['Lecture d’une conversation', 'read'],
  'message.recipients': ['Consultation des destinataires possibles', 'read'],
  'message.refused': ['Message refusé', 'access'],
  'message.relay': ['Envoi d’une réponse au professionnel', 'write'],
  'message.send': ['Envoi d’un message', 'write'],
  'notification.settings': ['Modification des préférences de notification', 'account'],
  'care.import': ['Import de l’historique de soins', 'write'],
  'care.list': ['Consultation de l’historique de soins', 'read'],
  'demo.seed': ['Création des données de démonstration', 'write'],
  'document.create': ['Ajout d’un document', 'write'],
  'document.delete': ['Suppression d’un document', 'write'],
  'document.list': ['Consultation de la liste des documents', 'read'],
  'document.read': ['Consultation d’un document', 'read'],
  'document.settings': ['Modification des paramètres des documents', 'write'],
  'document.update': ['Modification d’un document', 'write'],
  'document.release': ['Document rendu visible', 'write'],
  'family.add-child-failed': ['Échec de l’ajout d’un profil enfant', 'access'],
  'family.caregiver-invited': ['Invitation d’un aidant', 'access'],
  'family.caregiver-accepted': ['Aide acceptée', 'access'],
  'family.caregiver-refused': ['Aide refusée', 'access'],
  'family.caregivers-read': ['Consultation des aidants', 'read'],
  'family.caregiving-ended': ['Fin d’une aide', 'access'],
  'family.majority': ['Passage à la majorité', 'access'],
  'family.representative-added': ['Ajout d’un représentant légal', 'access'],
  'family.representative-invited': ['Invitation du second représentant légal', 'access'],
  'family.representative-accepted': ['Partage accepté par le représentant légal', 'access'],
  'family.representative-refused': ['Partage refusé par le représentant légal', 'access'],
  'family.representative-withdrawn': ['Retrait d’un représentant légal', 'access'],
  'family.representatives-read': ['Consultation des représentants légaux', 'read'],
  'identity.activate': ['Activation de l’espace', 'account'],
  'identity.code-sent': ['Envoi d’un code provisoire', 'account'],
  'identity.contact-change': ['Modification des coordonnées', 'account'],
  'identity.identified': ['Identification réussie', 'account'],
  'identity.identify-failed': ['Échec d’identification', 'account'],
  'identity.lockout': ['Compte bloqué après trop d’essais', 'account'],
  'identity.login': ['Connexion', 'account'],
  'identity.login-failed': ['Échec de connexion', 'account'],
  'identity.logout': ['Déconnexion', 'account'],
  'identity.language': ['Choix de la langue', 'account'],
  'identity.new-code-refused': ['Demande de nouveau code refusée', 'account'],
  'identity.oppose': ['Opposition à la création de l’espace', 'account'],
  'identity.opposition-proof': ['Téléchargement de la preuve d’opposition', 'account'],
  'identity.password-change': ['Changement du mot de passe', 'account'],
  'identity.password-reset': ['Réinitialisation du mot de passe', 'account'],
  'identity.session-end': ['Fin d’une session', 'account'],
  'identity.space-created': ['Création de l’espace', 'account'],
  'identity.username-reminder': ['Rappel de l’identifiant', 'account'],
  'measure.list': ['Consultation des mesures de santé', 'read'],
  'measure.create': ['Ajout d’une mesure de santé', 'write'],
  'measure.update': ['Modification d’une mesure de santé', 'write'],
  'measure.delete': ['Suppression d’une mesure de santé', 'write'],
  'medical.list': ['Consultation du profil médical', 'read'],
  'medical.summary': ['Consultation de l’accueil du profil médical', 'read'],
  'medical.synthesis': ['Téléchargement de la synthèse', 'read'],
  'medical.create': ['Ajout au profil médical', 'write'],
  'medical.update': ['Modification du profil médical', 'write'],
  'medical.delete': ['Suppression dans le profil médical', 'write'],
  'wishes.read': ['Consultation des volontés', 'read'],
  'wishes.update': ['Modification des volontés', 'write'],
  // The patient's control over professionals (this feature).
  'access.professionals-read': ['Consultation des professionnels autorisés et bloqués', 'read'],
  'access.directory-search': ['Recherche d’un professionnel', 'read'],
  'access.professional-blocked': ['Blocage d’un professionnel', 'access'],
  'access.professional-block-refused': ['Blocage d’un professionnel refusé', 'access'],
  'access.professional-unblocked': ['Déblocage d’un professionnel', 'access'],
  'access.administrator-granted': ['Attribution du statut administrateur', 'access'],
  'access.administrator-removed': ['Retrait du statut administrateur', 'access'],
  'access.role-set': ['Modification du rôle d’un professionnel', 'access'],
  'access.synthesis-shared': ['Partage de la synthèse avec un professionnel', 'access'],
  'access.synthesis-unshared': ['Fin du partage de la synthèse avec un professionnel', 'access'],
  'access.emergency-read': ['Consultation des accès en cas d’urgence', 'read'],
  'access.emergency-update': ['Modification des accès en cas d’urgence', 'access'],
  'access.notifications-read': ['Consultation des préférences de notification', 'read'],
  'access.notifications-update': ['Modification des préférences de notification', 'access'],
  'journal.read': ['Consultation de l’historique d’activité', 'read'],
  'journal.extract': ['Téléchargement de l’historique signé', 'read'],
  'access.report': ['Signalement d’un accès', 'access'],
  'operator.access-reports-read': ['Consultation des signalements', 'read'],
  // Written by the professionals' portal (branch pro-portal); a professional's document and profile reads use
  // the actions above, with the professional as actor.
  'pro.consent': ['Accès autorisé avec votre consentement', 'access'],
  'pro.patient.search': ['Recherche de votre dossier par un professionnel', 'access'],
  'pro.signin': ['Connexion d’un professionnel', 'account'],
  'pro.signin.refused': ['Connexion d’un professionnel refusée', 'account'],
  'pro.signout': ['Déconnexion d’un professionnel', 'account'],
  'pro.fhir-client.register': ['Enregistrement d’un logiciel de professionnel (API FHIR)', 'account'],
  'pro.fhir-client.revoke': ['Révocation d’un logiciel de professionnel (API FHIR)', 'account'],
  'emergency.open': ['Accès en urgence', 'access'],
  'medical.read': ['Consultation du profil médical', 'read'],
  'document.read.refused': ['Consultation d’un document refusée', 'read'],
};

/**
 * Why an access was refused, in plain French, from the refusal's journal detail: `why` (the professionals'
 * access decision and the FHIR API write it), `code` (messaging), else the HTTP status of the refusal.
 */
export const refusalReasons: Readonly<Record<string, string>> = {
  no_consent: 'Ce professionnel n’avait pas votre consentement (il ne l’a pas recueilli lors d’une consultation).',
  blocked: 'Vous avez bloqué ce professionnel.',
  emergency_off: 'L’accès en cas d’urgence est désactivé dans vos paramètres.',
  synthesis_not_shared: 'Vous n’avez pas partagé votre synthèse avec ce professionnel.',
  scope: 'Le logiciel de ce professionnel n’avait pas le droit de lire ces données.',
  not_administrator: 'Ce professionnel n’a pas le statut administrateur de votre espace.',
  cannot_block_self: 'Un administrateur ne peut pas se bloquer lui-même.',
  cannot_block_administrator:
    'Un administrateur ne peut pas bloquer un autre administrateur : vous seul pouvez retirer ce statut.',
  MESSAGING_PRO_BLOCKED: 'Vous avez bloqué ce professionnel.',
  MESSAGING_ENDED: 'Le professionnel avait mis fin aux échanges.',
};

const refusedActions = new Set([
  'access.refused',
  'access.professional-block-refused',
  'document.read.refused',
  'message.refused',
]);

/** The plain-French reason of a refused line, or null when the line is not a refusal. */
export function refusalReason(
  action: string,
  detail: { why?: string | null; code?: string | null; status?: string | number | null },
): string | null {
  if (!refusedActions.has(action)) return null;
  const known = (detail.why && refusalReasons[detail.why]) || (detail.code && refusalReasons[detail.code]);
  if (known) return known;
  if (action === 'document.read.refused')
    return 'Ce document n’est pas accessible à ce professionnel (sa profession ou la confidentialité du document).';
  if (Number(detail.status) === 404) return 'Les données demandées n’existent pas ou ne sont pas accessibles.';
  return 'Cette personne n’avait pas le droit de faire cette action.';
}

/** The label of an action (a generic one for an action this catalog does not know). */
export function actionLabel(action: string): string {
  return journalActions[action]?.[0] ?? 'Autre action';
}

/** The actions of a kind, for the filter. */
export function actionsOfKind(kind: ActivityKind): string[] {
  return Object.entries(journalActions)
    .filter(([, [, k]]) => k === kind)
    .map(([a]) => a);
}
