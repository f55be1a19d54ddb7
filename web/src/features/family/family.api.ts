import { call } from '../../client';
import { familyRoutes as r } from '../../../../shared/src/routes/family.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';

export type Child = CallOutput<typeof r.attachable>['children'][number];
export type Caregiver = CallOutput<typeof r.caregivers>['caregivers'][number];
export type Invitation = CallOutput<typeof r.invitations>['invitations'][number];

/** The family API (R4, R5), as the web app calls it; typed by the shared contract. */
export const familyApi = {
  attachable: () => call(r.attachable, {}),
  addChildren: (profileIds: string[], certified: boolean) => call(r.addChildren, { body: { profileIds, certified } }),
  addChildByCode: (b: CallInput<typeof r.addChildByCode>['body']) => call(r.addChildByCode, { body: b }),
  representatives: (profileId: string) => call(r.representatives, { params: { profileId } }),
  inviteRepresentative: (profileId: string, b: CallInput<typeof r.inviteRepresentative>['body']) =>
    call(r.inviteRepresentative, { params: { profileId }, body: b }),
  withdraw: (profileId: string) => call(r.withdraw, { params: { profileId } }),
  caregivers: (profileId: string) => call(r.caregivers, { params: { profileId } }),
  inviteCaregiver: (profileId: string, b: CallInput<typeof r.inviteCaregiver>['body']) =>
    call(r.inviteCaregiver, { params: { profileId }, body: b }),
  endCaregiving: (id: string) => call(r.endCaregiving, { params: { id } }),
  invitations: () => call(r.invitations, {}),
  answer: (kind: Invitation['kind'], id: string, accept: boolean) =>
    call(r.answer, { params: { kind, id, answer: accept ? 'accept' : 'refuse' } }),
};

/** A calendar day as people read it: « 30 juin 2027 ». */
export function day(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}
