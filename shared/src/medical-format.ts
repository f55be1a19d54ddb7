import { contactRoles, frequencies, severities, type ItemKind } from './medical.js';
import { formatMeasure, glucoseMoments, measureKinds, type MeasureValue } from './measures.js';

type Data = Record<string, unknown>;

/** "2025-04-01" (or a date-time) as people read it in France: "1 avril 2025". */
export function frenchDay(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const join = (...parts: unknown[]) =>
  parts.filter((p) => p !== undefined && p !== null && p !== '' && p !== false).join(' · ');

/** One line of French text describing an entry of a list (web lists and the synthesis PDF alike). */
export function itemLine(kind: ItemKind, x: Data, conditionNames: ReadonlyMap<string, string> = new Map()): string {
  switch (kind) {
    case 'conditions':
      return join(x.name, x.since && `depuis le ${frenchDay(x.since)}`, x.note);
    case 'treatments':
      return join(
        x.name,
        x.dose,
        x.frequency && frequencies[x.frequency as keyof typeof frequencies],
        x.startDate && `du ${frenchDay(x.startDate)}`,
        x.endDate && `au ${frenchDay(x.endDate)}`,
        typeof x.conditionId === 'string' &&
          conditionNames.get(x.conditionId) &&
          `pour : ${conditionNames.get(x.conditionId)}`,
      );
    case 'allergies':
      return join(
        x.substance,
        x.reaction,
        x.severity && `sévérité ${severities[x.severity as keyof typeof severities].toLowerCase()}`,
      );
    case 'vaccinations':
      return join(
        x.vaccine,
        frenchDay(x.date),
        x.doseNumber && `dose ${String(x.doseNumber)}`,
        x.batch && `lot ${String(x.batch)}`,
        x.vaccinator && `par ${String(x.vaccinator)}`,
      );
    case 'contacts':
      return join(
        contactRoles[x.role as keyof typeof contactRoles],
        x.name,
        x.relation,
        x.phone,
        x.phone2,
        x.email,
        x.address,
      );
  }
}

/** "Poids · 72,5 kg · le 1 mars 2025". */
export function measureLine(v: MeasureValue): string {
  return join(
    measureKinds[v.kind].label,
    formatMeasure(v),
    v.moment && glucoseMoments[v.moment],
    `le ${frenchDay(v.measuredAt)}`,
  );
}

/** An amount in euros: "30,00 €". */
export function euros(n: number | null): string {
  return n === null ? '' : `${n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
}

/** "15 janvier 2025 · Consultation · Dr Martin · 30,00 €". */
export function careLine(c: {
  date: string;
  kind: string;
  professional: string | null;
  amount: number | null;
}): string {
  return join(frenchDay(c.date), c.kind, c.professional, euros(c.amount));
}
