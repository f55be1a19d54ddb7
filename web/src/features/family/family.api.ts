import { http } from '../../api';

export interface Child {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
}
export interface Caregiver {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  endsOn: string;
  status: 'pending' | 'accepted' | 'refused' | 'expired' | 'ended';
}
export interface Invitation {
  id: string;
  kind: 'representative' | 'caregiver';
  from: string;
  about: string;
  endsOn: string | null;
}

/** The family API (R4, R5), as the web app calls it. */
export const familyApi = {
  attachable: () => http.get<{ children: Child[] }>('/api/family/attachable'),
  addChildren: (profileIds: string[], certified: boolean) => http.post<{ added: number }>('/api/family/children', { profileIds, certified }),
  addChildByCode: (b: { code: string; nir: string; birthDate: string; certified: boolean }) => http.post<{ id: string; firstName: string }>('/api/family/children/by-code', b),
  representatives: (profileId: string) =>
    http.get<{
      representatives: { firstName: string; lastName: string; me: boolean }[];
      invitations: { id: string; firstName: string; lastName: string; birthDate: string; status: 'waiting' | 'validated' | 'refused' | 'cancelled'; createdAt: string; mine: boolean }[];
    }>(`/api/profiles/${profileId}/representatives`),
  inviteRepresentative: (profileId: string, b: { lastName: string; firstName: string; birthDate: string; certified: boolean }) => http.post<{ id: string }>(`/api/profiles/${profileId}/representatives/invitations`, b),
  withdraw: (profileId: string) => http.delete<void>(`/api/profiles/${profileId}/representatives/me`),
  caregivers: (profileId: string) => http.get<{ caregivers: Caregiver[] }>(`/api/profiles/${profileId}/caregivers`),
  inviteCaregiver: (profileId: string, b: { lastName: string; firstName: string; birthDate: string; endsOn: string }) => http.post<{ id: string }>(`/api/profiles/${profileId}/caregivers`, b),
  endCaregiving: (id: string) => http.delete<void>(`/api/caregiving/${id}`),
  invitations: () => http.get<{ invitations: Invitation[]; helping: { id: string; firstName: string; lastName: string; endsOn: string }[] }>('/api/family/invitations'),
  answer: (kind: Invitation['kind'], id: string, accept: boolean) => http.post<void>(`/api/family/invitations/${kind}/${id}/${accept ? 'accept' : 'refuse'}`),
};

/** A calendar day as people read it: « 30 juin 2027 ». */
export function day(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}
