import { http } from '../../api';
import type { Identified } from '../../../../shared/src/schemas/activation';

export type Channel = { channel: 'email' | 'sms'; masked: string };
export type { Identified };

/** The identity API, as the web app calls it. */
export const identityApi = {
  identify: (b: { code: string; nir: string; birthDate: string; vitaleSerial: string }) => http.post<Identified>('/api/activation/identify', b),
  newCode: (b: { nir: string; birthDate: string; channel: 'email' | 'sms' }) => http.post<{ message: string }>('/api/activation/new-code', b),
  oppose: (flowId: string) => http.post<{ reference: string; opposedAt: string }>('/api/activation/oppose', { flowId }),
  sendContactCode: (flowId: string, channel: 'email' | 'sms', destination: string) => http.post<{ destination: string }>('/api/activation/contact/send', { flowId, channel, destination }),
  verifyContactCode: (flowId: string, channel: 'email' | 'sms', code: string) => http.post<{ emailVerified: boolean; phoneVerified: boolean }>('/api/activation/contact/verify', { flowId, channel, code }),
  usernameAvailable: (username: string, signal?: AbortSignal) => http.get<{ available: boolean; reason: 'format' | 'taken' | null }>(`/api/activation/username-available?username=${encodeURIComponent(username)}`, signal),
  finish: (b: { flowId: string; username: string; password: string }) => http.post<{ firstName: string }>('/api/activation/finish', b),
  login: (username: string, password: string) => http.post<{ attemptId: string; channels: Channel[] }>('/api/auth/login', { username, password }),
  loginCode: (attemptId: string, channel: 'email' | 'sms') => http.post<Channel>('/api/auth/login/code', { attemptId, channel }),
  loginVerify: (attemptId: string, code: string) => http.post<{ ok: true }>('/api/auth/login/verify', { attemptId, code }),
  startReset: (username: string) => http.post<{ resetId: string }>('/api/auth/password-reset', { username }),
  finishReset: (resetId: string, code: string, password: string) => http.post<void>('/api/auth/password-reset/finish', { resetId, code, password }),
  remindUsername: (channel: 'email' | 'sms', destination: string) => http.post<{ message: string }>('/api/auth/username-reminder', { channel, destination }),
  sessions: () => http.get<{ sessions: { id: string; userAgent: string | null; createdAt: string; lastSeenAt: string; current: boolean }[] }>('/api/me/sessions'),
  endSession: (id: string) => http.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`),
  changePassword: (currentPassword: string, newPassword: string) => http.post<void>('/api/me/password', { currentPassword, newPassword }),
  contact: () => http.get<{ email: string | null; phone: string | null; channels: Channel[] }>('/api/me/contact'),
  sendNewContactCode: (channel: 'email' | 'sms', destination: string, password: string) =>
    http.post<{ destination: string }>('/api/me/contact/send', { channel, destination, password }),
  confirmNewContact: (channel: 'email' | 'sms', code: string) => http.post<void>('/api/me/contact/verify', { channel, code }),
};

/** Downloads the proof of opposition (a POST answered with a PDF) as a file. */
export async function downloadOppositionProof(flowId: string): Promise<void> {
  const res = await fetch('/api/activation/opposition-proof', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carnet-csrf': '1' },
    body: JSON.stringify({ flowId }),
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error("L'attestation n'a pas pu être téléchargée. Réessayez.");
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'attestation-opposition.pdf';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
