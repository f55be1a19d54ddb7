import { z } from 'zod';
import { defineRoute } from '../contract.js';

const tags = ['devices'] as const;

/** A session as people recognise it: browser, system, the network it was last used from, last use. */
export const SessionView = z.object({
  id: z.string(),
  browser: z.string(),
  system: z.string(),
  /** « 203.0.113 »: the network part of the address it was last used from, or null when unknown. */
  place: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});

/** A passkey: named after the browser and system that registered it. */
export const PasskeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** What the browser's WebAuthn API answered, as @simplewebauthn/browser serialises it (checked by the server). */
const CredentialJson = z.looseObject({
  id: z.string().min(1).max(1400),
  rawId: z.string().min(1).max(1400),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().max(20_000) }),
});
const Ceremony = z.object({ token: z.string().min(10).max(100), credential: CredentialJson });
const exampleCeremony = {
  token: 'x'.repeat(43),
  credential: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30' } },
};
const Options = z.object({ token: z.string(), options: z.record(z.string(), z.unknown()) });

/** « Mes appareils » in « Paramètres » (issue 15): sessions named, passkeys, and the sign-in by passkey. */
export const devicesRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/me/devices',
    operationId: 'listDevices',
    summary: 'My open sessions, named, and my passkeys',
    tags,
    access: 'session',
    responses: { 200: z.object({ sessions: z.array(SessionView), passkeys: z.array(PasskeyView) }) },
    errors: [401],
  }),
  endOthers: defineRoute({
    method: 'POST',
    path: '/api/me/sessions/end-others',
    operationId: 'endOtherSessions',
    summary: 'Sign out of every other device',
    tags,
    access: 'session',
    responses: { 200: z.object({ ended: z.number() }) },
    errors: [401],
  }),
  keepAlive: defineRoute({
    method: 'POST',
    path: '/api/me/session/keep-alive',
    operationId: 'keepSessionAlive',
    summary: '« Rester connecté »: the idle timeout starts again; says how long it is',
    tags,
    access: 'session',
    responses: { 200: z.object({ idleMinutes: z.number() }) },
    errors: [401],
  }),
  registerOptions: defineRoute({
    method: 'POST',
    path: '/api/me/passkeys/options',
    operationId: 'passkeyRegistrationOptions',
    summary: 'Start registering a passkey (WebAuthn creation options)',
    tags,
    access: 'session',
    responses: { 200: Options },
    errors: [401],
  }),
  register: defineRoute({
    method: 'POST',
    path: '/api/me/passkeys',
    operationId: 'registerPasskey',
    summary: 'Register the passkey the browser created',
    tags,
    access: 'session',
    body: Ceremony,
    responses: { 201: z.object({ passkey: PasskeyView }) },
    errors: [400, 401],
    example: { body: exampleCeremony },
  }),
  revoke: defineRoute({
    method: 'DELETE',
    path: '/api/me/passkeys/:id',
    operationId: 'revokePasskey',
    summary: 'Revoke one of my passkeys',
    tags,
    access: 'session',
    params: z.object({ id: z.uuid() }),
    responses: { 204: z.null() },
    errors: [400, 401, 404],
    example: { params: { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' } },
  }),
  loginOptions: defineRoute({
    method: 'POST',
    path: '/api/auth/passkey/options',
    operationId: 'passkeyLoginOptions',
    summary: 'Start signing in with a passkey (WebAuthn request options)',
    tags,
    access: 'public',
    responses: { 200: Options },
    errors: [400, 429],
  }),
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/passkey',
    operationId: 'passkeyLogin',
    summary: 'Sign in with a passkey: a new session',
    tags,
    access: 'public',
    body: Ceremony,
    responses: { 200: z.object({ firstName: z.string() }) },
    errors: [400, 429],
    example: { body: exampleCeremony },
  }),
};
