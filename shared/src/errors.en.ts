import { errorCatalog, type ErrorCode } from './errors.js';
import type { Locale } from './locale.js';

/**
 * The English message of every error code (errors.ts keeps the French one, the source). Partial on purpose so
 * that a new code does not break the build: `errors.en.test.ts` fails until its English is written here.
 */
export const errorMessagesEn: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'Some of the information entered is not valid. Check the fields marked.',
  BAD_REQUEST: 'Your request could not be read. Reload the page, then try again.',
  UNAUTHENTICATED: 'You need to sign in to see this page.',
  FORBIDDEN:
    'You do not have access to this information. If you act for someone close to you, check the profile open at the top of the page.',
  CSRF_REJECTED: 'The request was refused as a security measure. Reload the page and try again.',
  NOT_FOUND: 'The page or information you asked for does not exist, or no longer exists. Go back to your space’s home.',
  CONFLICT:
    'This action is no longer possible: the information changed meanwhile. Reload the page to see the latest version.',
  PAYLOAD_TOO_LARGE: 'The file is too heavy. Choose a file of 5 MB at most.',
  UNSUPPORTED_MEDIA_TYPE: 'This format is not accepted. Choose a JPG, PDF, PNG, TXT, RTF or TIF file.',
  RATE_LIMITED: 'Too many attempts. Wait a few minutes before trying again.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  IDENTIFICATION_FAILED: 'The information entered does not allow us to identify you. Check it and try again.',
  CODE_INVALID: 'The code entered is wrong. Check it and try again.',
  CODE_EXPIRED: 'This code has expired or has already been used. Ask for a new code.',
  CODE_LOCKED: 'Too many tries with this code: it is blocked. Ask for a new code.',
  FLOW_EXPIRED: 'Your process has expired. Start again from the beginning.',
  USERNAME_TAKEN: 'This username is already taken. Choose another one.',
  PASSWORD_TOO_WEAK: 'This password is too easy to guess. Choose a longer or less common one.',
  OPPOSITION_CLOSED:
    'The 6-week opposition period is over: your space has been created. You can ask for it to be closed after activating it.',
  OPPOSITION_NEEDS_NEW_CODE:
    'This code was used for your opposition: it no longer works. To activate your space, ask for a new code. You will receive it by e-mail, text message or post.',
  PASSKEY_FAILED:
    'Your passkey was not recognised. Try again, or sign in with your username, your password and a code.',
  CONTACT_NOT_VERIFIED: 'Confirm at least one e-mail address or phone number before going on.',
  OPERATOR_ONLY: 'Access reserved for operators.',
  CERTIFICATION_REQUIRED: 'Tick the box to certify that you are the legal representative.',
  NOT_A_MINOR: 'This profile is not a minor child’s. Only the profile of a child under 18 can be added here.',
  CAREGIVER_LIMIT: 'You already have 3 caregivers: end one of these before inviting another.',
  HELPED_LIMIT: 'You already help 5 people: one person cannot help more.',
  INVITATION_CLOSED: 'This invitation is no longer pending. Reload the page to see where it stands.',
  DOCUMENT_FORMAT:
    'This format is not accepted: only JPG, PDF, PNG, TXT, RTF and TIF files are (the format is recognised from the file’s content, not its name).',
  DOCUMENT_TOO_LARGE: 'This file is over the 5 MB maximum size. Choose a lighter file, or reduce its size.',
  DOCUMENT_EMPTY: 'This file is empty. Choose another file.',
  DOCUMENT_TOO_MANY_PIXELS: 'This image is too large (over 50 million pixels): reduce its size before adding it.',
  DOCUMENT_DAMAGED: 'This file is damaged or unreadable. Open it on your device to check it, then try again.',
  DOCUMENT_PDF_ACTIVE:
    'This PDF contains a program, an automatic action or attached files: it is refused for safety. Save a plain copy of it (“Print” then “Save as PDF”), then add that copy.',
  DOCUMENT_PDF_ENCRYPTED:
    'This PDF is encrypted or protected by a password: its content cannot be checked. Save a copy without protection, then add that copy.',
  DOCUMENT_RTF_ACTIVE:
    'This RTF file contains an element that can act on its own: it is refused for safety. Save it as PDF, then add it.',
  DOCUMENT_NO_FILE: 'Choose a file to add.',
  DIRECTIVES_ADULTS_ONLY: 'Advance directives can only be written by an adult.',
  PROFESSIONAL_NOT_AUTHORIZED: 'This professional is not in the list of authorised professionals.',
  ACCESS_ALREADY_REPORTED: 'You have already reported this access.',
  MESSAGE_SUBJECT_TOO_LONG: 'The subject of the message cannot be longer than 80 characters.',
  MESSAGE_EMPTY: 'Write your message before sending it.',
  MESSAGE_TOO_LARGE:
    'The attachments are over 10 MB in total for one message: remove one or send them in several messages.',
  MESSAGE_TOO_MANY_FILES: 'A message can carry 10 attachments at most.',
  MESSAGE_ATTACHMENT_FORMAT:
    'This attachment is not accepted: only JPG, PDF, PNG, TXT, RTF, TIF, DOC, DOCX and ODT files are (the format is recognised from the file’s content).',
  MESSAGE_ATTACHMENT_INCOMPATIBLE:
    'This attachment is not in a format accepted by Documents: you can only download it.',
  MESSAGING_ENDED:
    'This professional has ended your conversation: you can only answer them if they write to you again.',
  MESSAGING_NO_RECIPIENT: 'Only a health professional can start a conversation. You can then answer them.',
  MESSAGING_PRO_BLOCKED: 'You cannot write to this patient.',
  MESSAGING_UNKNOWN_PATIENT: 'No open health space matches this NIR and date of birth.',
  INTERNAL: 'A technical error occurred. Try again in a few moments.',
  PRO_NO_CONSENT:
    'You do not have access to this patient’s health space yet: declare the consent obtained during the consultation, or use emergency access.',
  PRO_BLOCKED: 'This patient has blocked your access to their health space. You can still add documents to it.',
  EMERGENCY_DISABLED: 'This patient has turned off emergency access to their health space.',
  PRO_SIGNIN_FAILED: 'Signing in with a professional card failed. Start again from the beginning.',
  PRO_UNKNOWN: 'Your RPPS number is not in Carnet’s directory of professionals.',
  PATIENT_NOT_FOUND:
    'No patient matches these identity details exactly. Check them (only one exact match is accepted).',
  PRO_SYNTHESIS_NOT_SHARED: 'This patient has not shared their summary with you.',
  PRO_NOT_ADMINISTRATOR:
    'This patient has not given you the administrator status of their health space: you cannot manage their professionals.',
  PRO_CANNOT_BLOCK:
    'You cannot block this professional: neither yourself nor another administrator (only the patient can remove that status).',
  PRO_NOT_AUTHOR: 'Only the professional who added this document can make it visible to the patient.',
  PROFILE_CLOSED:
    'This Mon espace santé profile has been closed: it is no longer possible to sign in. To reopen it, ask for a new temporary code from “Activate Mon espace santé”.',
  REAUTH_FAILED: 'The password entered is not the right one. For your safety, enter your account’s password again.',
  EXPORT_NOT_READY: 'Your data is still being prepared: you will receive an e-mail as soon as it is ready to download.',
  EXPORT_EXPIRED: 'This download has expired or has already been used. Prepare a new download of your data.',
  FHIR_IMPORT_INVALID: 'This file is not a FHIR R4 Bundle that Carnet can import.',
  FHIR_PATIENT_REQUIRED: 'Name the patient: patient=Patient/<id> (or the subject reference of the deposited document).',
  FHIR_IDENTIFIER_REQUIRED: 'Patients are searched by INS only: identifier=urn:oid:1.2.250.1.213.1.4.8|<NIR>.',
  FHIR_SCOPE: 'This software’s access token does not allow this operation.',
  FHIR_RESOURCE_INVALID: 'Carnet does not accept this FHIR resource.',
  FHIR_CLIENT_JWK_INVALID:
    'Paste the software’s public key as a JWK (JSON), RSA (RS384) or EC P-384 (ES384), without its private part.',
  UNAVAILABLE: 'The service is temporarily unavailable. Try again in a few moments.',
};

/**
 * English for the French messages the server gives beside a code (a field's message, a more precise refusal),
 * keyed by the French text. A message without English here is answered in English by its code's message.
 */
export const detailMessagesEn: Record<string, string> = {
  "Ce numéro de téléphone n'est pas valide.": 'This phone number is not valid.',
  "Cet identifiant n'est pas valide.": 'This username is not valid.',
  'Envoyez le fichier en text/csv.': 'Send the file as text/csv.',
  'Saisissez le nom du logiciel.': 'Enter the software’s name.',
  'Le nom du logiciel tient en 100 caractères au plus.': 'The software’s name is 100 characters at most.',
  'Collez la clé publique du logiciel (JWK, au format JSON).': 'Paste the software’s public key (JWK, as JSON).',
  'Cette clé est trop longue pour une clé publique JWK.': 'This key is too long for a public JWK.',
  "Ce moyen de réception n'est pas disponible pour votre compte.":
    'This way of receiving codes is not available for your account.',
  'Seule la personne aidée peut inviter un aidant.': 'Only the person helped can invite a caregiver.',
  'Un aidant est invité par un adulte.': 'A caregiver is invited by an adult.',
  'Un aidant doit être majeur.': 'A caregiver must be an adult.',
  'La date de fin doit être dans le futur.': 'The end date must be in the future.',
  'Saisissez un objet.': 'Enter a subject.',
  "L'objet fait au plus 80 caractères.": 'The subject is 80 characters at most.',
  'Le message fait au plus 20 000 caractères.': 'The message is 20,000 characters at most.',
  'Ce mot de passe est trop facile à deviner.': 'This password is too easy to guess.',
  'Le mot de passe ne doit contenir ni votre identifiant, ni votre nom, ni votre prénom.':
    'The password must not contain your username, your last name or your first name.',
  'Identifiant ou mot de passe incorrect.': 'Wrong username or password.',
  'Saisissez votre mot de passe.': 'Enter your password.',
  'Saisissez votre mot de passe actuel.': 'Enter your current password.',
  'Saisissez votre code provisoire.': 'Enter your temporary code.',
  'Adresse e-mail invalide.': 'Invalid e-mail address.',
  'Numéro de téléphone invalide.': 'Invalid phone number.',
  'Saisissez une date de naissance complète et valide (jour, mois, année).':
    'Enter a complete and valid date of birth (day, month, year).',
  'Le mot de passe doit contenir au plus 128 caractères.': 'The password must be 128 characters at most.',
  'Identifiant trop long (64 caractères au plus).': 'Username too long (64 characters at most).',
  'Saisissez un titre.': 'Enter a title.',
  'Le titre fait au plus 200 caractères.': 'The title is 200 characters at most.',
  'Saisissez une date valide.': 'Enter a valid date.',
  'Saisissez une date.': 'Enter a date.',
  'Cette date n’existe pas.': 'This date does not exist.',
  'Saisissez une valeur numérique.': 'Enter a number.',
  'Saisissez une valeur.': 'Enter a value.',
  'Saisissez un nombre entier.': 'Enter a whole number.',
  'Choisissez au moins une rubrique.': 'Choose at least one section.',
  'Saisissez au moins 2 caractères.': 'Enter at least 2 characters.',
  'Confirmez le blocage.': 'Confirm the block.',
  'Ce texte contient un caractère invalide (caractère nul ou mal encodé) : retirez-le.':
    'This text contains an invalid character (a null or badly encoded character): remove it.',
  'valeur invalide': 'invalid value',
};

/** The message of an error code in a language (French, the catalog's, when English lacks it). */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return (locale === 'en' && errorMessagesEn[code]) || errorCatalog[code].message;
}

/**
 * A message given with an error, in a language: the code's own message when it is the catalog's, the English of
 * a known detail, else (in English) the code's English message rather than French text.
 */
export function localizedMessage(code: ErrorCode, message: string, locale: Locale): string {
  if (locale === 'fr') return message;
  if (message === errorCatalog[code].message) return errorMessage(code, locale);
  return detailMessagesEn[message] ?? errorMessage(code, locale);
}

/** A field's message in a language: its English when known, else as it is (a field's text may be Zod's own). */
export function localizedFieldMessage(message: string, locale: Locale): string {
  return locale === 'fr' ? message : (detailMessagesEn[message] ?? message);
}
