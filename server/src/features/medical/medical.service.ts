import type { Db, Executor, Trx } from '../../platform/db.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal, withJournal } from '../../platform/journal.js';
import { isMinor } from '../../../../shared/src/age.js';
import { itemKinds, type ItemKind, type ItemView } from '../../../../shared/src/medical.js';
import {
  checkMeasure,
  measureKinds,
  type MeasureInput,
  type MeasureKind,
  type TypedMeasureKind,
} from '../../../../shared/src/measures.js';
import * as repo from './medical.repo.js';
import { computedBmi, presentCare, presentItem, presentMeasure, presentWishes } from './medical.presenter.js';

/** Today somewhere on Earth (UTC+14 at most): a date typed in the person's own time zone is never "in the future". */
const today = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);

/**
 * Rules an entry follows beyond its schema: dates neither in the future nor before birth; a treatment's condition is
 * the profile's.
 */
async function checkItem(
  db: Executor,
  ctx: AccessContext,
  kind: ItemKind,
  data: Record<string, unknown>,
): Promise<void> {
  const born = await repo.birthDate(db, ctx);
  for (const field of ['since', 'startDate', 'date'] as const) {
    const d = data[field];
    if (typeof d !== 'string') continue;
    if (d > today()) throw invalid(`body.${field}`, 'Cette date est dans le futur.');
    if (d < born) throw invalid(`body.${field}`, 'Cette date précède la date de naissance.');
  }
  if (
    kind === 'treatments' &&
    typeof data.conditionId === 'string' &&
    !(await repo.findItem(db, ctx, 'conditions', data.conditionId))
  ) {
    throw invalid('body.conditionId', 'Cette maladie ne figure pas dans le profil.');
  }
}

export async function listItems(db: Db, ctx: AccessContext, kind: ItemKind): Promise<ItemView[]> {
  return withJournal(db, ctx, { action: 'medical.list', resourceType: kind }, async (trx) =>
    (await repo.listItems(trx, ctx, kind)).map(presentItem),
  );
}

export async function createItem(
  db: Db,
  ctx: AccessContext,
  kind: ItemKind,
  data: Record<string, unknown>,
): Promise<ItemView> {
  return db.transaction().execute(async (trx) => {
    await checkItem(trx, ctx, kind, data);
    const row = await repo.insertItem(trx, ctx, kind, data);
    await journalIn(trx, ctx, 'medical.create', kind, row.id);
    return presentItem(row);
  });
}

export async function updateItem(
  db: Db,
  ctx: AccessContext,
  kind: ItemKind,
  id: string,
  data: Record<string, unknown>,
): Promise<ItemView> {
  return db.transaction().execute(async (trx) => {
    await checkItem(trx, ctx, kind, data);
    const row = await repo.updateItem(trx, ctx, kind, id, data);
    if (!row) throw new AppError('NOT_FOUND');
    await journalIn(trx, ctx, 'medical.update', kind, id);
    return presentItem(row);
  });
}

export async function deleteItem(db: Db, ctx: AccessContext, kind: ItemKind, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteItem(trx, ctx, kind, id))) throw new AppError('NOT_FOUND');
    if (kind === 'conditions') await repo.unlinkCondition(trx, ctx, id);
    await journalIn(trx, ctx, 'medical.delete', kind, id);
  });
}

/** The journal line of a write, in the write's transaction. */
function journalIn(trx: Trx, ctx: AccessContext, action: string, resourceType: string, resourceId?: string) {
  return journal(trx, ctx, { action, resourceType, resourceId });
}

/** A measure's row values from what people typed: range rules, date rules, unit conversion (m → cm). */
async function measureRow(db: Executor, ctx: AccessContext, kind: TypedMeasureKind, input: MeasureInput) {
  const problems = checkMeasure(kind, input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  const day = input.measuredAt.slice(0, 10);
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw invalid('body.measuredAt', 'Cette date n’existe pas.');
  if (day > today()) throw invalid('body.measuredAt', 'Cette date est dans le futur.');
  if (day < (await repo.birthDate(db, ctx)))
    throw invalid('body.measuredAt', 'Cette date précède la date de naissance.');
  const m = measureKinds[kind];
  const isBp = kind === 'bloodPressure';
  return {
    value: isBp ? input.systolic! : Math.round(input.value! * m.factor * 1000) / 1000,
    value2: isBp ? input.diastolic! : null,
    moment: kind === 'glucose' ? (input.moment ?? null) : null,
    measured_at: input.measuredAt,
  };
}

export async function addMeasure(db: Db, ctx: AccessContext, kind: TypedMeasureKind, input: MeasureInput) {
  return db.transaction().execute(async (trx) => {
    const m = measureKinds[kind];
    const row = await repo.insertMeasure(trx, ctx, {
      kind,
      loinc: m.loinc,
      ucum: m.ucum,
      ...(await measureRow(trx, ctx, kind, input)),
    });
    await journalIn(trx, ctx, 'measure.create', kind, row.id);
    return presentMeasure(row);
  });
}

export async function updateMeasure(
  db: Db,
  ctx: AccessContext,
  kind: TypedMeasureKind,
  id: string,
  input: MeasureInput,
) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.updateMeasure(trx, ctx, kind, id, await measureRow(trx, ctx, kind, input));
    if (!row) throw new AppError('NOT_FOUND');
    await journalIn(trx, ctx, 'measure.update', kind, id);
    return presentMeasure(row);
  });
}

export async function deleteMeasure(db: Db, ctx: AccessContext, kind: TypedMeasureKind, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteMeasure(trx, ctx, kind, id))) throw new AppError('NOT_FOUND');
    await journalIn(trx, ctx, 'measure.delete', kind, id);
  });
}

/**
 * A measure's history. BMI's is computed: for each weight, the height known at that time (the latest
 * height measured on or before it, else the first height).
 */
export async function measureHistory(
  db: Db,
  ctx: AccessContext,
  kind: MeasureKind,
  range: { from?: string; to?: string },
) {
  return withJournal(db, ctx, { action: 'measure.list', resourceType: kind }, async (trx) => {
    if (kind !== 'bmi') {
      const { birthDate, rows } = await repo.listMeasuresWithBirthDate(trx, ctx, kind, range);
      return { birthDate: birthDate ?? (await repo.birthDate(trx, ctx)), values: rows.map(presentMeasure) };
    }
    const birthDate = await repo.birthDate(trx, ctx);
    const weights = (await repo.listMeasures(trx, ctx, 'weight', range)).map(presentMeasure);
    const heights = (await repo.listMeasures(trx, ctx, 'height')).map(presentMeasure);
    const values = weights.flatMap((w) => {
      const h = heights.find((x) => x.measuredAt <= w.measuredAt) ?? heights.at(-1);
      const bmiValue = h ? computedBmi([w, h]) : null;
      return bmiValue ? [{ ...bmiValue, measuredAt: w.measuredAt }] : [];
    });
    return { birthDate, values };
  });
}

/** The medical profile's home: counts and latest entries per section, each measure's latest value, BMI. */
export async function summary(db: Db, ctx: AccessContext) {
  return withJournal(db, ctx, { action: 'medical.summary', resourceType: 'medical' }, async (trx) => {
    const counts = await repo.countItems(trx, ctx);
    const latest: Partial<Record<ItemKind, ItemView[]>> = {};
    for (const kind of Object.keys(itemKinds) as ItemKind[])
      latest[kind] = (await repo.listItems(trx, ctx, kind)).slice(0, 3).map(presentItem);
    const measures = (await repo.latestMeasures(trx, ctx)).map(presentMeasure);
    const bmiValue = computedBmi(measures);
    const birthDate = await repo.birthDate(trx, ctx);
    const wishes = presentWishes(await repo.findWishes(trx, ctx), birthDate);
    const care = await repo.listCare(trx, ctx);
    return {
      birthDate,
      isMinor: isMinor(birthDate),
      counts: Object.fromEntries((Object.keys(itemKinds) as ItemKind[]).map((k) => [k, counts[k] ?? 0])) as Record<
        ItemKind,
        number
      >,
      latest: latest as Record<ItemKind, ItemView[]>,
      measures: bmiValue ? [...measures, bmiValue] : measures,
      wishes,
      careCount: care.length,
      latestCare: care[0]?.care_date ?? null,
    };
  });
}

/** « Historique de soins »: the imported care, filtered, with the kinds present for the filter. */
export async function careHistory(db: Db, ctx: AccessContext, filter: { from?: string; to?: string; kind?: string }) {
  return withJournal(db, ctx, { action: 'care.list', resourceType: 'care_event' }, async (trx) => ({
    events: (await repo.listCare(trx, ctx, filter)).map(presentCare),
    kinds: await repo.careKinds(trx, ctx),
  }));
}
