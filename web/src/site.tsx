import { createContext, useContext } from 'react';
import { api } from './api';

/** What GET /api/site says about this deployment: names and the brand block. */
export interface Site {
  serviceName: string;
  tagline: string;
  /** Text of the brand block, lines split by "\n". */
  brandTop: string;
  /** The State's Marianne brand block; only for the State's own deployment (the DSFR's terms). */
  officialBrand: boolean;
  devMailbox: boolean;
}

/** Used when /api/site cannot be read: the page still draws, with a neutral brand. */
export const fallbackSite: Site = { serviceName: 'Carnet', tagline: '', brandTop: 'Carnet', officialBrand: false, devMailbox: false };

/** Reads the site settings once, before the first render. */
export async function loadSite(): Promise<Site> {
  try {
    return await api<Site>('/api/site');
  } catch {
    return fallbackSite;
  }
}

export const SiteContext = createContext<Site>(fallbackSite);

/** The deployment's names and brand block. */
export function useSite(): Site {
  return useContext(SiteContext);
}
