import { isMinor } from '../../../../shared/src/age.js';
import {
  itemKinds,
  type CareEventView,
  type ItemKind,
  type ItemView,
  type WishesView,
} from '../../../../shared/src/medical.js';
import { bmi, measureKinds, type MeasureKind, type MeasureValue } from '../../../../shared/src/measures.js';
import type { CareRow, ItemRow, MeasureRow, WishesRow } from './medical.repo.js';

/**
 * An entry of a list: only the fields its kind's schema knows, each validated. A stored entry that no
 * longer passes its schema (an older shape) goes out with the fields that still pass, never as stored.
 */
export function presentItem(row: ItemRow): ItemView {
  const kind = row.kind as ItemKind;
  const schema = itemKinds[kind].schema;
  const parsed = schema.safeParse(row.data);
  const data = parsed.success ? parsed.data : validFields(schema, row.data);
  return {
    id: row.id,
    kind,
    data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The fields of `value` that pass their own schema in `schema`'s shape; nothing else. */
function validFields(schema: unknown, value: unknown): Record<string, unknown> {
  const shape = (schema as { shape?: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> })
    .shape;
  if (!shape || !value || typeof value !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const r = field.safeParse((value as Record<string, unknown>)[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

/** A stored value (UCUM unit) in the unit people read: height back from cm to m. */
export function presentMeasure(row: MeasureRow): MeasureValue {
  const kind = row.kind as MeasureKind;
  const m = measureKinds[kind];
  const stored = Number(row.value);
  const isBp = kind === 'bloodPressure';
  return {
    id: row.id,
    kind,
    measuredAt: row.measured_at,
    value: isBp ? null : round(stored / m.factor, m.decimals),
    systolic: isBp ? stored : null,
    diastolic: isBp ? Number(row.value2) : null,
    moment: (row.moment as MeasureValue['moment']) ?? null,
    loinc: m.loinc,
    ucum: m.ucum,
    storedValue: isBp ? null : stored,
  };
}

/**
 * BMI from the latest weight and the latest height, dated by the later of the two; null when either is
 * missing. Computed at each read, so it follows every added, edited or deleted weight or height.
 */
export function computedBmi(latest: MeasureValue[]): MeasureValue | null {
  const w = latest.find((v) => v.kind === 'weight');
  const h = latest.find((v) => v.kind === 'height');
  if (!w?.value || !h?.value) return null;
  const value = bmi(w.value, h.value);
  const m = measureKinds.bmi;
  return {
    id: null,
    kind: 'bmi',
    measuredAt: w.measuredAt > h.measuredAt ? w.measuredAt : h.measuredAt,
    value,
    systolic: null,
    diastolic: null,
    moment: null,
    loinc: m.loinc,
    ucum: m.ucum,
    storedValue: value,
  };
}

export function presentWishes(row: WishesRow | undefined, birthDate: string): WishesView {
  return {
    directives: row?.directives ?? null,
    directivesUpdatedAt: row?.directives_updated_at?.toISOString() ?? null,
    donationStance: row?.donation_stance ?? null,
    donationNote: row?.donation_note ?? null,
    directivesAllowed: !isMinor(birthDate),
  };
}

const euros = (cents: number | null) => (cents === null ? null : cents / 100);
export function presentCare(row: CareRow): CareEventView {
  return {
    id: row.id,
    date: row.care_date,
    kind: row.kind,
    professional: row.professional,
    amount: euros(row.amount_cents),
    reimbursed: euros(row.reimbursed_cents),
  };
}
