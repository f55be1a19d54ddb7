import { createContext, useContext } from 'react';
import { call } from './client';
import { platformRoutes } from '../../shared/src/routes/platform.routes.js';
import type { CallOutput } from '../../shared/src/contract.js';

/** What GET /api/site says about this deployment: names and the brand block (officialBrand: the State's own only). */
export type Site = CallOutput<typeof platformRoutes.site>;

/** Used when /api/site cannot be read: the page still draws, with a neutral brand. */
export const fallbackSite: Site = {
  serviceName: 'Carnet',
  tagline: '',
  brandTop: 'Carnet',
  officialBrand: false,
  devMailbox: false,
};

/** Reads the site settings once, before the first render. */
export async function loadSite(): Promise<Site> {
  try {
    return await call(platformRoutes.site, {});
  } catch {
    return fallbackSite;
  }
}

export const SiteContext = createContext<Site>(fallbackSite);

/** The deployment's names and brand block. */
export function useSite(): Site {
  return useContext(SiteContext);
}
