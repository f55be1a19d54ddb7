/** « 28 mai » this year, « 09/12/20 » before (the seed's list). */
export function listDate(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (d.getFullYear() === now.getFullYear())
    return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short' }).format(d);
  return new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: '2-digit' }).format(d);
}

/** « le 28 mai 2026 à 14:05 ». */
export function longDate(iso: string): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(d);
  return `le ${day} à ${time}`;
}

export function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}\u00a0ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')}\u00a0Mo`;
}
