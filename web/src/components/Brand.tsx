import { Fragment, type ReactNode } from 'react';
import type { Site } from '../site';

/** The brand block's text: the configured lines (BRAND_TOP, "\n" between lines). */
export function brandTop(site: Site): ReactNode {
  const lines = site.brandTop.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) return site.serviceName;
  return lines.map((line, i) => (
    <Fragment key={i}>
      {i > 0 && <br />}
      {line}
    </Fragment>
  ));
}

/**
 * The DSFR reserves the Marianne logo and font for the French State's own sites. Any other deployment
 * gets a neutral brand block (no Marianne, no motto) and a neutral font: see styles.css.
 */
export function applyBrandMode(site: Site): void {
  document.documentElement.classList.toggle('carnet-brand-neutral', !site.officialBrand);
}
