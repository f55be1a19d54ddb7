import { useEffect } from 'react';
import { useSite } from '../site';

/** Sets the tab's title to "<page> — <service name>", e.g. « Accueil — Carnet ». */
export function usePageTitle(title: string): void {
  const { serviceName } = useSite();
  useEffect(() => {
    document.title = `${title} — ${serviceName}`;
  }, [title, serviceName]);
}
