import { z } from 'zod';
import { defineRoute } from '../contract.js';
import { isoDate, text } from '../input.js';
import { Identified } from '../schemas/activation.js';
import { Me } from '../schemas/me.js';

const FlowId = text().min(10).max(100);
const birthDateMessage = 'Saisissez une date de naissance complète et valide (jour, mois, année).';
const BirthDate = isoDate({ required: birthDateMessage, shape: birthDateMessage, invalid: birthDateMessage });
const Password = text().max(128, 'Le mot de passe doit contenir au plus 128 caractères.');
const Code = text().trim().max(20);
const Channel = z.object({ channel: z.enum(['email', 'sms']), masked: z.string() });
const Email = z.email({ error: 'Adresse e-mail invalide.' }).max(254);
const Phone = text().trim().min(6, 'Numéro de téléphone invalide.').max(30);
const Destination = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), destination: Email }),
  z.object({ channel: z.literal('sms'), destination: Phone }),
]);
const currentPassword = text({ error: 'Saisissez votre mot de passe actuel.' })
  .min(1, 'Saisissez votre mot de passe actuel.')
  .max(1024);
/** A new e-mail or phone, with the password again (a session alone does not change where codes go). */
const ContactChange = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), destination: Email, password: currentPassword }),
  z.object({ channel: z.literal('sms'), destination: Phone, password: currentPassword }),
]);
const activationErrors = [400, 409, 410, 429] as const;
const loginErrors = [400, 401, 410, 429] as const;
const accountErrors = [400, 401, 404, 410, 429] as const;
const flow = 'a-flow-id-0123456789';

/** Activation or opposition (R2), « demander un nouveau code » (R1.4). */
export const activationRoutes = {
  identify: defineRoute({
    method: 'POST',
    path: '/api/activation/identify',
    operationId: 'identify',
    summary: 'Provisional code, NIR, birth date and Carte Vitale serial',
    tags: ['activation'],
    access: 'public',
    body: z.object({
      code: text().trim().min(1, 'Saisissez votre code provisoire.').max(40),
      nir: text().trim().min(1, 'Saisissez votre numéro de sécurité sociale.').max(30),
      birthDate: BirthDate,
      vitaleSerial: text().trim().min(1, 'Saisissez le numéro de série de votre carte Vitale.').max(20),
    }),
    responses: { 200: Identified },
    errors: activationErrors,
    example: {
      body: { code: 'ABCD-EFGH-JKLM', nir: '178046912304503', birthDate: '1978-04-12', vitaleSerial: '11223344556' },
    },
  }),
  newCode: defineRoute({
    method: 'POST',
    path: '/api/activation/new-code',
    operationId: 'requestNewCode',
    summary: 'Ask for a new provisional code (by e-mail or SMS)',
    tags: ['activation'],
    access: 'public',
    body: z.object({ nir: text().trim().min(1).max(30), birthDate: BirthDate, channel: z.enum(['email', 'sms']) }),
    responses: { 202: z.object({ message: z.string() }) },
    errors: activationErrors,
    example: { body: { nir: '178046912304503', birthDate: '1978-04-12', channel: 'email' } },
  }),
  oppose: defineRoute({
    method: 'POST',
    path: '/api/activation/oppose',
    operationId: 'oppose',
    summary: "Oppose the creation of one's space",
    tags: ['activation'],
    access: 'public',
    body: z.object({ flowId: FlowId }),
    responses: { 200: z.object({ reference: z.string(), opposedAt: z.string() }) },
    errors: activationErrors,
    example: { body: { flowId: flow } },
  }),
  oppositionProof: defineRoute({
    method: 'POST',
    path: '/api/activation/opposition-proof',
    operationId: 'oppositionProof',
    summary: 'Proof of opposition (PDF)',
    tags: ['activation'],
    access: 'public',
    body: z.object({ flowId: FlowId }),
    responses: { 200: z.any() },
    errors: [...activationErrors, 404],
    example: { body: { flowId: flow } },
  }),
  sendContactCode: defineRoute({
    method: 'POST',
    path: '/api/activation/contact/send',
    operationId: 'sendActivationContactCode',
    summary: 'Send a one-time code to confirm an e-mail or phone',
    tags: ['activation'],
    access: 'public',
    body: z.discriminatedUnion('channel', [
      z.object({ flowId: FlowId, channel: z.literal('email'), destination: Email }),
      z.object({ flowId: FlowId, channel: z.literal('sms'), destination: Phone }),
    ]),
    responses: { 200: z.object({ destination: z.string() }) },
    errors: activationErrors,
    example: { body: { flowId: flow, channel: 'email', destination: 'jean@example.org' } },
  }),
  verifyContactCode: defineRoute({
    method: 'POST',
    path: '/api/activation/contact/verify',
    operationId: 'verifyActivationContactCode',
    summary: 'Confirm an e-mail or phone with its code',
    tags: ['activation'],
    access: 'public',
    body: z.object({ flowId: FlowId, channel: z.enum(['email', 'sms']), code: Code }),
    responses: { 200: z.object({ emailVerified: z.boolean(), phoneVerified: z.boolean() }) },
    errors: activationErrors,
    example: { body: { flowId: flow, channel: 'email', code: '123456' } },
  }),
  usernameAvailable: defineRoute({
    method: 'GET',
    path: '/api/activation/username-available',
    operationId: 'usernameAvailable',
    summary: 'Is this username free?',
    tags: ['activation'],
    access: 'public',
    query: z.object({ username: text().max(200) }),
    responses: { 200: z.object({ available: z.boolean(), reason: z.enum(['format', 'taken']).nullable() }) },
    errors: [400, 429],
    example: { query: { username: 'jean.petit' } },
  }),
  finish: defineRoute({
    method: 'POST',
    path: '/api/activation/finish',
    operationId: 'finishActivation',
    summary: 'Choose username and password; activates the space and signs in',
    tags: ['activation'],
    access: 'public',
    body: z.object({
      flowId: FlowId,
      username: text().trim().max(64, 'Identifiant trop long (64 caractères au plus).'),
      password: Password,
    }),
    responses: { 200: z.object({ firstName: z.string() }) },
    errors: activationErrors,
    example: { body: { flowId: flow, username: 'jean.petit', password: 'Un-mot-de-passe-solide-42' } },
  }),
};

/** Login in three steps: password → channel → one-time code (R3); the signed-in person; logout. */
export const loginRoutes = {
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Login step 1: username and password',
    tags: ['identity'],
    access: 'public',
    body: z.object({ username: text().trim().min(1).max(200), password: text().min(1).max(1024) }),
    responses: { 200: z.object({ attemptId: z.string(), channels: z.array(Channel) }) },
    errors: loginErrors,
    example: { body: { username: 'marie.dupont', password: 'x' } },
  }),
  sendCode: defineRoute({
    method: 'POST',
    path: '/api/auth/login/code',
    operationId: 'sendLoginCode',
    summary: 'Login step 2: send the one-time code to a channel',
    tags: ['identity'],
    access: 'public',
    body: z.object({ attemptId: text().min(10).max(100), channel: z.enum(['email', 'sms']) }),
    responses: { 200: Channel },
    errors: loginErrors,
    example: { body: { attemptId: flow, channel: 'email' } },
  }),
  verify: defineRoute({
    method: 'POST',
    path: '/api/auth/login/verify',
    operationId: 'verifyLoginCode',
    summary: 'Login step 3: the one-time code; opens the session',
    tags: ['identity'],
    access: 'public',
    body: z.object({ attemptId: text().min(10).max(100), code: Code }),
    responses: { 200: z.object({ ok: z.literal(true) }) },
    errors: loginErrors,
    example: { body: { attemptId: flow, code: '123456' } },
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/me',
    operationId: 'me',
    summary: 'Signed-in person and their profiles',
    tags: ['identity'],
    access: 'session',
    responses: { 200: Me },
    errors: [401],
  }),
  setLanguage: defineRoute({
    method: 'PUT',
    path: '/api/me/language',
    operationId: 'setLanguage',
    summary: 'Save the language of my pages, e-mails, SMS and PDFs',
    tags: ['identity'],
    access: 'session',
    body: z.object({ locale: z.enum(['fr', 'en']) }),
    responses: { 204: z.null() },
    errors: [400, 401],
    example: { body: { locale: 'en' } },
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/logout',
    operationId: 'logout',
    summary: 'End this session',
    tags: ['identity'],
    access: 'public',
    responses: { 204: z.null() },
    errors: [],
  }),
};

/** « Paramètres » of the account (sessions, password, contact details) and the forgotten-credentials journeys. */
export const accountRoutes = {
  sessions: defineRoute({
    method: 'GET',
    path: '/api/me/sessions',
    operationId: 'mySessions',
    summary: 'My open sessions',
    tags: ['account'],
    access: 'session',
    responses: {
      200: z.object({
        sessions: z.array(
          z.object({
            id: z.string(),
            userAgent: z.string().nullable(),
            createdAt: z.string(),
            lastSeenAt: z.string(),
            current: z.boolean(),
          }),
        ),
      }),
    },
    errors: [401],
  }),
  endSession: defineRoute({
    method: 'DELETE',
    path: '/api/me/sessions/:id',
    operationId: 'endSession',
    summary: 'End one of my sessions',
    tags: ['account'],
    access: 'session',
    params: z.object({ id: text().max(40) }),
    responses: { 204: z.null() },
    errors: accountErrors,
    example: { params: { id: 'abcdefabcdefabcd' } },
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/me/password',
    operationId: 'changePassword',
    summary: 'Change my password',
    tags: ['account'],
    access: 'session',
    body: z.object({ currentPassword: text().min(1).max(1024), newPassword: Password }),
    responses: { 204: z.null() },
    errors: accountErrors,
    example: { body: { currentPassword: 'x', newPassword: 'Un-autre-mot-de-passe-43' } },
  }),
  contact: defineRoute({
    method: 'GET',
    path: '/api/me/contact',
    operationId: 'myContact',
    summary: 'My contact details',
    tags: ['account'],
    access: 'session',
    responses: {
      200: z.object({ email: z.string().nullable(), phone: z.string().nullable(), channels: z.array(Channel) }),
    },
    errors: [401],
  }),
  sendContactCode: defineRoute({
    method: 'POST',
    path: '/api/me/contact/send',
    operationId: 'sendNewContactCode',
    summary: 'Send a code to a new e-mail or phone (password needed)',
    tags: ['account'],
    access: 'session',
    body: ContactChange,
    responses: { 200: z.object({ destination: z.string() }) },
    errors: accountErrors,
    example: { body: { channel: 'email', destination: 'marie@example.org', password: 'x' } },
  }),
  verifyContactCode: defineRoute({
    method: 'POST',
    path: '/api/me/contact/verify',
    operationId: 'confirmNewContact',
    summary: 'Confirm the new e-mail or phone',
    tags: ['account'],
    access: 'session',
    body: z.object({ channel: z.enum(['email', 'sms']), code: Code }),
    responses: { 204: z.null() },
    errors: accountErrors,
    example: { body: { channel: 'email', code: '123456' } },
  }),
  startReset: defineRoute({
    method: 'POST',
    path: '/api/auth/password-reset',
    operationId: 'startPasswordReset',
    summary: 'Forgotten password: send a code',
    tags: ['identity'],
    access: 'public',
    body: z.object({ username: text().trim().min(1).max(200) }),
    responses: { 200: z.object({ resetId: z.string() }) },
    errors: accountErrors,
    example: { body: { username: 'marie.dupont' } },
  }),
  finishReset: defineRoute({
    method: 'POST',
    path: '/api/auth/password-reset/finish',
    operationId: 'finishPasswordReset',
    summary: 'Forgotten password: code and new password',
    tags: ['identity'],
    access: 'public',
    body: z.object({ resetId: text().min(10).max(100), code: Code, password: Password }),
    responses: { 204: z.null() },
    errors: accountErrors,
    example: { body: { resetId: flow, code: '123456', password: 'Un-mot-de-passe-solide-42' } },
  }),
  usernameReminder: defineRoute({
    method: 'POST',
    path: '/api/auth/username-reminder',
    operationId: 'remindUsername',
    summary: 'Forgotten username: sent to the confirmed e-mail or phone',
    tags: ['identity'],
    access: 'public',
    body: Destination,
    responses: { 202: z.object({ message: z.string() }) },
    errors: accountErrors,
    example: { body: { channel: 'email', destination: 'marie@example.org' } },
  }),
};

const EnrolmentReport = z.object({
  batch: z.string(),
  read: z.number(),
  imported: z.number(),
  alreadyKnown: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
  emails: z.number(),
  letters: z.number(),
});

/** The operator API (the insurer's staff): bearer OPERATOR_TOKEN. */
export const operatorRoutes = {
  enrol: defineRoute({
    method: 'POST',
    path: '/api/operator/enrolments',
    operationId: 'enrol',
    summary: 'Enrol insured people from a CSV file (same format as the enrol command)',
    tags: ['operator'],
    access: 'operator',
    consumes: ['text/csv'],
    query: z.object({
      batch: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,60}$/)
        .optional(),
    }),
    responses: { 200: EnrolmentReport },
    errors: [400, 401, 415],
  }),
  letters: defineRoute({
    method: 'GET',
    path: '/api/operator/letters/:batch',
    operationId: 'letters',
    summary: 'The letters of a batch (PDF, one page per person)',
    tags: ['operator'],
    access: 'operator',
    params: z.object({ batch: z.string().max(60) }),
    responses: { 200: z.any() },
    errors: [401, 404],
    example: { params: { batch: 'lot-demo' } },
  }),
};
