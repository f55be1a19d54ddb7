import { useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../client';
import {
  accountRoutes as account,
  activationRoutes as activation,
  loginRoutes as login,
} from '../../../../shared/src/routes/identity.routes.js';
import type { CallInput, CallOutput, RouteDef } from '../../../../shared/src/contract.js';
import { accountKey } from '../../query';
import { defineMessages } from '../../i18n/messages';

/** Texts of this module, formatted where they are shown. */
export const identityApiMessages = defineMessages({
  proofFailed: {
    id: 'identity.api.proofFailed',
    defaultMessage: "L'attestation n'a pas pu être téléchargée. Réessayez.",
  },
});

export type Channel = CallOutput<typeof login.sendCode>;
export type Identified = CallOutput<typeof activation.identify>;
type Ch = Channel['channel'];
/** A body whose discriminated union the caller builds from a channel chosen at run time. */
type Body<D extends RouteDef> = Exclude<CallInput<D>['body'], FormData | undefined>;

/** The identity API, as the web app calls it; typed by the shared contract. */
export const identityApi = {
  identify: (b: { code: string; nir: string; birthDate: string; vitaleSerial: string }) =>
    call(activation.identify, { body: b }),
  newCode: (b: { nir: string; birthDate: string; channel: Ch }) => call(activation.newCode, { body: b }),
  oppose: (flowId: string) => call(activation.oppose, { body: { flowId } }),
  sendContactCode: (flowId: string, channel: Ch, destination: string) =>
    call(activation.sendContactCode, {
      body: { flowId, channel, destination } as Body<typeof activation.sendContactCode>,
    }),
  verifyContactCode: (flowId: string, channel: Ch, code: string) =>
    call(activation.verifyContactCode, { body: { flowId, channel, code } }),
  usernameAvailable: (username: string, signal?: AbortSignal) =>
    call(activation.usernameAvailable, { query: { username } }, signal),
  finish: (b: { flowId: string; username: string; password: string }) => call(activation.finish, { body: b }),
  login: (username: string, password: string) => call(login.login, { body: { username, password } }),
  loginCode: (attemptId: string, channel: Ch) => call(login.sendCode, { body: { attemptId, channel } }),
  loginVerify: (attemptId: string, code: string) => call(login.verify, { body: { attemptId, code } }),
  startReset: (username: string) => call(account.startReset, { body: { username } }),
  finishReset: (resetId: string, code: string, password: string) =>
    call(account.finishReset, { body: { resetId, code, password } }),
  remindUsername: (channel: Ch, destination: string) =>
    call(account.usernameReminder, { body: { channel, destination } as Body<typeof account.usernameReminder> }),
  sessions: () => call(account.sessions, {}),
  endSession: (id: string) => call(account.endSession, { params: { id } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    call(account.changePassword, { body: { currentPassword, newPassword } }),
  contact: (signal?: AbortSignal) => call(account.contact, {}, signal),
  sendNewContactCode: (channel: Ch, destination: string, password: string) =>
    call(account.sendContactCode, { body: { channel, destination, password } as Body<typeof account.sendContactCode> }),
  confirmNewContact: (channel: Ch, code: string) => call(account.verifyContactCode, { body: { channel, code } }),
  me: (signal?: AbortSignal) => call(login.me, {}, signal),
  logout: () => call(login.logout, {}),
};

/** Query keys of the account's own identity data, under `['account', 'identity']`. */
export const identityKeys = {
  contact: accountKey('identity', 'contact'),
};

/** My contact details (e-mail, mobile phone). */
export const useContact = () =>
  useQuery({ queryKey: identityKeys.contact, queryFn: ({ signal }) => identityApi.contact(signal) });

/**
 * Downloads the proof of opposition (a POST answered with a PDF) as a file. On failure it rejects; the page then
 * shows `identityApiMessages.proofFailed`.
 */
export async function downloadOppositionProof(flowId: string): Promise<void> {
  const res = await fetch(hrefOf(activation.oppositionProof, {}), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carnet-csrf': '1' },
    body: JSON.stringify({ flowId }),
    credentials: 'same-origin',
  });
  // i18n-exempt: for developers; the page shows identityApiMessages.proofFailed
  if (!res.ok) throw new Error(`opposition proof: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'attestation-opposition.pdf';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
