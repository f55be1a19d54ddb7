/** Names compared as people write them: no accents, no case, single spaces, hyphens as spaces. */
export function normalizeName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Whether an invitation's identity (last name, first name, birth date) designates a person: same birth
 * date, the last name equal to their birth name, the first name among their first names.
 */
export function identityMatches(
  inv: { last_name: string; first_name: string; birth_date: string },
  p: { birth_name: string; first_names: string; used_first_name: string; birth_date: string },
): boolean {
  if (inv.birth_date !== p.birth_date) return false;
  if (normalizeName(inv.last_name) !== normalizeName(p.birth_name)) return false;
  const first = normalizeName(inv.first_name);
  return (
    normalizeName(p.used_first_name) === first ||
    normalizeName(p.first_names).split(' ').includes(first) ||
    normalizeName(p.first_names) === first
  );
}
