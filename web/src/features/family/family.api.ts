import { useQuery } from '@tanstack/react-query';
import { call } from '../../client';
import { familyRoutes as r } from '../../../../shared/src/routes/family.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';
import { accountKey, profileKey } from '../../query';

export type Child = CallOutput<typeof r.attachable>['children'][number];
export type Caregiver = CallOutput<typeof r.caregivers>['caregivers'][number];
export type Invitation = CallOutput<typeof r.invitations>['invitations'][number];

/** The family API (R4, R5), as the web app calls it; typed by the shared contract. */
export const familyApi = {
  attachable: (signal?: AbortSignal) => call(r.attachable, {}, signal),
  addChildren: (profileIds: string[], certified: boolean) => call(r.addChildren, { body: { profileIds, certified } }),
  addChildByCode: (b: CallInput<typeof r.addChildByCode>['body']) => call(r.addChildByCode, { body: b }),
  representatives: (profileId: string, signal?: AbortSignal) =>
    call(r.representatives, { params: { profileId } }, signal),
  inviteRepresentative: (profileId: string, b: CallInput<typeof r.inviteRepresentative>['body']) =>
    call(r.inviteRepresentative, { params: { profileId }, body: b }),
  withdraw: (profileId: string) => call(r.withdraw, { params: { profileId } }),
  caregivers: (profileId: string, signal?: AbortSignal) => call(r.caregivers, { params: { profileId } }, signal),
  inviteCaregiver: (profileId: string, b: CallInput<typeof r.inviteCaregiver>['body']) =>
    call(r.inviteCaregiver, { params: { profileId }, body: b }),
  endCaregiving: (id: string) => call(r.endCaregiving, { params: { id } }),
  invitations: (signal?: AbortSignal) => call(r.invitations, {}, signal),
  answer: (kind: Invitation['kind'], id: string, accept: boolean) =>
    call(r.answer, { params: { kind, id, answer: accept ? 'accept' : 'refuse' } }),
};

/**
 * Query keys of the family: a profile's representatives and caregivers under `['profile', profileId, 'family']`;
 * what concerns the signed-in person (children to add, invitations received) under `['account', 'family']`.
 */
export const familyKeys = {
  account: accountKey('family'),
  attachable: accountKey('family', 'attachable'),
  invitations: accountKey('family', 'invitations'),
  profile: (profileId: string) => profileKey(profileId, 'family'),
  representatives: (profileId: string) => profileKey(profileId, 'family', 'representatives'),
  caregivers: (profileId: string) => profileKey(profileId, 'family', 'caregivers'),
};

/** The minors attached to me that I may add. */
export const useAttachable = () =>
  useQuery({ queryKey: familyKeys.attachable, queryFn: ({ signal }) => familyApi.attachable(signal) });

/** Invitations addressed to me, and the people I help. */
export const useInvitations = () =>
  useQuery({ queryKey: familyKeys.invitations, queryFn: ({ signal }) => familyApi.invitations(signal) });

/** A child's legal representatives and the invitation sent to the second one. */
export const useRepresentatives = (profileId: string) =>
  useQuery({
    queryKey: familyKeys.representatives(profileId),
    queryFn: ({ signal }) => familyApi.representatives(profileId, signal),
  });

/** The caregivers of a profile. */
export const useCaregivers = (profileId: string) =>
  useQuery({
    queryKey: familyKeys.caregivers(profileId),
    queryFn: ({ signal }) => familyApi.caregivers(profileId, signal),
  });
