import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';

/**
 * A DSFR table whose container scrolls sideways on a narrow screen: the container is focusable and
 * named, so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function DataTable({
  caption,
  hideCaption = false,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={fr.cx('fr-table', hideCaption ? 'fr-table--no-caption' : undefined)}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
