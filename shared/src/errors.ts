/**
 * Every error the API can answer with: a stable code, its HTTP status, and the French message shown
 * to people. The web client shows `message`; programs branch on `code`.
 */
export const errorCatalog = {
  VALIDATION_FAILED: {
    status: 400,
    message: 'Certaines informations saisies ne sont pas valides. Vérifiez les champs signalés.',
  },
  BAD_REQUEST: { status: 400, message: "Votre demande n'a pas pu être lue. Rechargez la page, puis réessayez." },
  UNAUTHENTICATED: { status: 401, message: 'Vous devez vous connecter pour accéder à cette page.' },
  FORBIDDEN: {
    status: 403,
    message:
      "Vous n'avez pas accès à cette information. Si vous agissez pour un proche, vérifiez le profil ouvert en haut de la page.",
  },
  CSRF_REJECTED: {
    status: 403,
    message: 'La demande a été refusée par mesure de sécurité. Rechargez la page et réessayez.',
  },
  NOT_FOUND: {
    status: 404,
    message: "La page ou l'information demandée n'existe pas, ou plus. Revenez à l'accueil de votre espace.",
  },
  CONFLICT: {
    status: 409,
    message:
      "Cette action n'est plus possible : l'information a changé entre-temps. Rechargez la page pour voir la dernière version.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Le fichier est trop lourd. Choisissez un fichier de 5 Mo au plus.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: "Ce format n'est pas accepté. Choisissez un fichier JPG, PDF, PNG, TXT, RTF ou TIF.",
  },
  RATE_LIMITED: { status: 429, message: 'Trop de tentatives. Patientez quelques minutes avant de réessayer.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Identifiant ou mot de passe incorrect.' },
  IDENTIFICATION_FAILED: {
    status: 400,
    message: 'Les informations saisies ne permettent pas de vous identifier. Vérifiez-les et réessayez.',
  },
  CODE_INVALID: { status: 400, message: 'Le code saisi est incorrect. Vérifiez-le et réessayez.' },
  CODE_EXPIRED: { status: 400, message: 'Ce code a expiré ou a déjà servi. Demandez un nouveau code.' },
  CODE_LOCKED: { status: 429, message: "Trop d'essais avec ce code : il est bloqué. Demandez un nouveau code." },
  FLOW_EXPIRED: { status: 410, message: 'Votre démarche a expiré. Recommencez depuis le début.' },
  USERNAME_TAKEN: { status: 409, message: 'Cet identifiant est déjà utilisé. Choisissez-en un autre.' },
  PASSWORD_TOO_WEAK: {
    status: 400,
    message: 'Ce mot de passe est trop facile à deviner. Choisissez-en un plus long ou moins courant.',
  },
  OPPOSITION_CLOSED: {
    status: 409,
    message:
      "Le délai d'opposition de 6 semaines est passé : votre espace a été créé. Vous pourrez demander sa clôture après l'avoir activé.",
  },
  OPPOSITION_NEEDS_NEW_CODE: {
    status: 400,
    message:
      'Ce code a servi à votre opposition : il ne marche plus. Pour activer votre espace, demandez un nouveau code. Vous le recevrez par e-mail, par SMS ou par courrier.',
  },
  PASSKEY_FAILED: {
    status: 400,
    message:
      "Votre clé d'accès n'a pas été reconnue. Réessayez, ou connectez-vous avec votre identifiant, votre mot de passe et un code.",
  },
  CONTACT_NOT_VERIFIED: {
    status: 400,
    message: 'Confirmez au moins une adresse e-mail ou un numéro de téléphone avant de continuer.',
  },
  OPERATOR_ONLY: { status: 401, message: 'Accès réservé aux opérateurs.' },
  CERTIFICATION_REQUIRED: { status: 400, message: 'Cochez la case pour certifier être le représentant légal.' },
  NOT_A_MINOR: {
    status: 409,
    message:
      "Ce profil n'est pas celui d'un enfant mineur. Seul le profil d'un enfant de moins de 18 ans peut être ajouté ici.",
  },
  CAREGIVER_LIMIT: {
    status: 409,
    message: "Vous avez déjà 3 aidants : mettez fin à l'une de ces aides avant d'en inviter un autre.",
  },
  HELPED_LIMIT: { status: 409, message: 'Vous aidez déjà 5 personnes : une personne ne peut pas en aider davantage.' },
  INVITATION_CLOSED: {
    status: 409,
    message: "Cette invitation n'est plus en attente. Rechargez la page pour voir où elle en est.",
  },
  DOCUMENT_FORMAT: {
    status: 415,
    message:
      "Ce format n'est pas accepté : seuls les fichiers JPG, PDF, PNG, TXT, RTF et TIF le sont (le format est reconnu d'après le contenu du fichier, pas son nom).",
  },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    message: 'Ce fichier dépasse la taille maximale de 5 Mo. Choisissez un fichier plus léger, ou réduisez sa taille.',
  },
  DOCUMENT_EMPTY: { status: 400, message: 'Ce fichier est vide. Choisissez un autre fichier.' },
  DOCUMENT_TOO_MANY_PIXELS: {
    status: 422,
    message: "Cette image est trop grande (plus de 50 millions de pixels) : réduisez sa taille avant de l'ajouter.",
  },
  DOCUMENT_DAMAGED: {
    status: 422,
    message: 'Ce fichier est abîmé ou illisible. Ouvrez-le sur votre appareil pour le vérifier, puis réessayez.',
  },
  DOCUMENT_PDF_ACTIVE: {
    status: 422,
    message:
      'Ce PDF contient un programme, une action automatique ou des fichiers joints : il est refusé par sécurité. Enregistrez-en une copie simple (« Imprimer » puis « Enregistrer en PDF »), puis ajoutez-la.',
  },
  DOCUMENT_PDF_ENCRYPTED: {
    status: 422,
    message:
      'Ce PDF est chiffré ou protégé par un mot de passe : son contenu ne peut pas être vérifié. Enregistrez-en une copie sans protection, puis ajoutez-la.',
  },
  DOCUMENT_RTF_ACTIVE: {
    status: 422,
    message:
      'Ce fichier RTF contient un élément qui peut agir tout seul : il est refusé par sécurité. Enregistrez-le en PDF, puis ajoutez-le.',
  },
  DOCUMENT_NO_FILE: { status: 400, message: 'Choisissez un fichier à ajouter.' },
  DIRECTIVES_ADULTS_ONLY: {
    status: 403,
    message: 'Les directives anticipées ne peuvent être rédigées que par une personne majeure.',
  },
  PROFESSIONAL_NOT_AUTHORIZED: {
    status: 409,
    message: "Ce professionnel n'est pas dans la liste des professionnels autorisés.",
  },
  ACCESS_ALREADY_REPORTED: { status: 409, message: 'Vous avez déjà signalé cet accès.' },
  MESSAGE_SUBJECT_TOO_LONG: { status: 400, message: "L'objet du message ne peut pas dépasser 80 caractères." },
  MESSAGE_EMPTY: { status: 400, message: "Écrivez votre message avant de l'envoyer." },
  MESSAGE_TOO_LARGE: {
    status: 413,
    message:
      'Les pièces jointes dépassent 10 Mo au total pour un message : retirez-en une ou envoyez-les en plusieurs messages.',
  },
  MESSAGE_TOO_MANY_FILES: { status: 413, message: 'Un message peut porter au plus 10 pièces jointes.' },
  MESSAGE_ATTACHMENT_FORMAT: {
    status: 415,
    message:
      "Cette pièce jointe n'est pas acceptée : seuls les fichiers JPG, PDF, PNG, TXT, RTF, TIF, DOC, DOCX et ODT le sont (le format est reconnu d'après le contenu du fichier).",
  },
  MESSAGE_ATTACHMENT_INCOMPATIBLE: {
    status: 409,
    message:
      "Cette pièce jointe n'est pas dans un format accepté par Documents : vous pouvez seulement la télécharger.",
  },
  MESSAGING_ENDED: {
    status: 409,
    message: "Ce professionnel a mis fin à vos échanges : vous ne pourrez lui répondre que s'il vous écrit de nouveau.",
  },
  MESSAGING_NO_RECIPIENT: {
    status: 409,
    message: 'Seul un professionnel de santé peut débuter un échange. Vous pourrez ensuite lui répondre.',
  },
  MESSAGING_PRO_BLOCKED: { status: 403, message: 'Vous ne pouvez pas écrire à ce patient.' },
  MESSAGING_UNKNOWN_PATIENT: {
    status: 404,
    message: 'Aucun espace santé ouvert ne correspond à ce NIR et à cette date de naissance.',
  },
  INTERNAL: { status: 500, message: 'Une erreur technique est survenue. Réessayez dans quelques instants.' },
  PRO_NO_CONSENT: {
    status: 403,
    message:
      "Vous n'avez pas encore accès à l'espace santé de ce patient : déclarez le consentement recueilli lors de la consultation, ou passez par l'accès en cas d'urgence.",
  },
  PRO_BLOCKED: {
    status: 403,
    message: 'Ce patient a bloqué votre accès à son espace santé. Vous pouvez encore y déposer des documents.',
  },
  EMERGENCY_DISABLED: { status: 403, message: "Ce patient a désactivé l'accès en cas d'urgence à son espace santé." },
  PRO_SIGNIN_FAILED: {
    status: 401,
    message: 'La connexion par carte professionnelle a échoué. Recommencez depuis le début.',
  },
  PRO_UNKNOWN: {
    status: 403,
    message: "Votre identifiant RPPS ne figure pas dans l'annuaire des professionnels de Carnet.",
  },
  PATIENT_NOT_FOUND: {
    status: 404,
    message:
      "Aucun patient ne correspond exactement à ces traits d'identité. Vérifiez-les (une seule correspondance exacte est acceptée).",
  },
  PRO_SYNTHESIS_NOT_SHARED: {
    status: 403,
    message: "Ce patient n'a pas partagé sa synthèse avec vous.",
  },
  PRO_NOT_ADMINISTRATOR: {
    status: 403,
    message:
      'Ce patient ne vous a pas donné le statut administrateur de son espace santé : vous ne pouvez pas gérer ses professionnels.',
  },
  PRO_CANNOT_BLOCK: {
    status: 409,
    message:
      'Vous ne pouvez pas bloquer ce professionnel : ni vous-même, ni un autre administrateur (seul le patient peut retirer ce statut).',
  },
  PRO_NOT_AUTHOR: {
    status: 403,
    message: 'Seul le professionnel qui a déposé ce document peut le rendre visible au patient.',
  },
  PROFILE_CLOSED: {
    status: 403,
    message:
      "Ce profil Mon espace santé a été clôturé : il n'est plus possible de s'y connecter. Pour le rouvrir, demandez un nouveau code provisoire depuis « Activer Mon espace santé ».",
  },
  REAUTH_FAILED: {
    status: 400,
    message:
      "Le mot de passe saisi n'est pas le bon. Pour votre sécurité, saisissez à nouveau le mot de passe de votre compte.",
  },
  EXPORT_NOT_READY: {
    status: 409,
    message:
      "Vos données sont encore en préparation : vous recevrez un e-mail dès qu'elles seront prêtes à télécharger.",
  },
  EXPORT_EXPIRED: {
    status: 410,
    message: 'Ce téléchargement a expiré ou a déjà servi. Préparez un nouveau téléchargement de vos données.',
  },
  FHIR_IMPORT_INVALID: { status: 400, message: "Ce fichier n'est pas un Bundle FHIR R4 que Carnet sait importer." },
  FHIR_PATIENT_REQUIRED: {
    status: 400,
    message: 'Précisez le patient : patient=Patient/<id> (ou la référence subject du document déposé).',
  },
  FHIR_IDENTIFIER_REQUIRED: {
    status: 400,
    message: 'La recherche de patient se fait par l’INS seulement : identifier=urn:oid:1.2.250.1.213.1.4.8|<NIR>.',
  },
  FHIR_SCOPE: { status: 403, message: "Le jeton d'accès de ce logiciel ne permet pas cette opération." },
  FHIR_RESOURCE_INVALID: { status: 400, message: "Cette ressource FHIR n'est pas acceptée par Carnet." },
  FHIR_CLIENT_JWK_INVALID: {
    status: 400,
    message:
      'Collez la clé publique du logiciel au format JWK (JSON), de type RSA (RS384) ou EC P-384 (ES384), sans partie privée.',
  },
  UNAVAILABLE: { status: 503, message: 'Le service est momentanément indisponible. Réessayez dans quelques instants.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: { path: string; message: string }[] };
}
