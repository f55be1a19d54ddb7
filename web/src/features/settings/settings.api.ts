import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallOutput } from '../../../../shared/src/contract.js';
import { messagingRoutes as r } from '../../../../shared/src/routes/messaging.routes.js';
import { profileKey, useInvalidate } from '../../query';
import { messagingApi } from '../messaging/messaging.api';
import { accessKeys } from '../access/access.api';

export type Settings = CallOutput<typeof r.notificationSettings>;

/** Query keys of « Paramètres » of a profile, under `['profile', profileId, 'settings']`. */
export const settingsKeys = {
  notifications: (profileId: string) => profileKey(profileId, 'settings', 'notifications'),
};

/** The e-mails wanted per kind (R11). */
export const useNotificationSettings = (profileId: string) =>
  useQuery({
    queryKey: settingsKeys.notifications(profileId),
    queryFn: ({ signal }) => messagingApi.notificationSettings(profileId, signal),
  });

/**
 * After saving: the answer shown at once; the access notice of « Professionnels de santé » is the same
 * preference (`accesses`), read again.
 */
export function useNotificationSettingsSaved(profileId: string): (saved: Settings) => Promise<void> {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return (saved) => {
    queryClient.setQueryData(settingsKeys.notifications(profileId), saved);
    return invalidate(accessKeys.notice(profileId));
  };
}
