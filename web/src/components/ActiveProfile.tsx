import { createContext, useContext } from 'react';
import type { Me, ProfileRef } from '../../../shared/src/schemas/me.js';

/** The signed-in person and the profile they are acting on (their own, or a child's…). */
export interface ActiveProfileValue {
  me: Me;
  /** The open profile: every page shows it and every health-data call is made for it. */
  profile: ProfileRef;
  profiles: ProfileRef[];
  /** Opens another of `profiles`; kept for the browser tab's life (sessionStorage). */
  setActiveProfile(id: string): void;
  /** Reloads /api/me (after adding a profile, for instance). */
  refresh(): Promise<void>;
}

export const ActiveProfileContext = createContext<ActiveProfileValue | null>(null);

const STORAGE_KEY = 'carnet.activeProfileId';

/** The profile id chosen earlier in this tab, if any. */
export function storedProfileId(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeProfileId(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(STORAGE_KEY, id);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts until the page reloads.
  }
}

/** The open profile, for pages under the signed-in layout. */
export function useActiveProfile(): ActiveProfileValue {
  const value = useContext(ActiveProfileContext);
  // i18n-exempt: an error for developers, never shown
  if (!value) throw new Error('useActiveProfile() is only available inside the signed-in layout');
  return value;
}

/** « Marie DUPONT ». */
export function fullName(p: Pick<ProfileRef, 'firstName' | 'lastName'>): string {
  return `${p.firstName} ${p.lastName}`.trim();
}
