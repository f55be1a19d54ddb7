import { z } from 'zod';
import { LocalDateTime } from './input.js';

/**
 * The 11 health measures of R6.2 (seed 000 II.4), each with its LOINC code and the UCUM unit it is stored
 * in, as in the ANS « Mesures de santé » FHIR profiles (vital-signs category; see ../reference/README.md).
 * `factor` turns the value people type (in `display`) into the stored UCUM value: height is typed in m and
 * stored in cm. Plausible ranges are Carnet's own bounds, wide enough for a premature newborn and for an
 * adult at the extremes, narrow enough to catch a slip (0 kg, 400 °C, a height typed in cm as metres).
 */
export const measureKinds = {
  weight: {
    label: 'Poids',
    loinc: '29463-7',
    ucum: 'kg',
    display: 'kg',
    factor: 1,
    min: 0.3,
    max: 400,
    step: 0.1,
    decimals: 1,
  },
  height: {
    label: 'Taille',
    loinc: '8302-2',
    ucum: 'cm',
    display: 'm',
    factor: 100,
    min: 0.2,
    max: 2.6,
    step: 0.01,
    decimals: 2,
  },
  bmi: {
    label: 'IMC',
    loinc: '39156-5',
    ucum: 'kg/m2',
    display: 'kg/m²',
    factor: 1,
    min: 0,
    max: 0,
    step: 0.1,
    decimals: 1,
  },
  waist: {
    label: 'Tour de taille',
    loinc: '8280-0',
    ucum: 'cm',
    display: 'cm',
    factor: 1,
    min: 20,
    max: 250,
    step: 0.5,
    decimals: 1,
  },
  temperature: {
    label: 'Température',
    loinc: '8310-5',
    ucum: 'Cel',
    display: '°C',
    factor: 1,
    min: 30,
    max: 45,
    step: 0.1,
    decimals: 1,
  },
  glucose: {
    label: 'Glycémie',
    loinc: '2345-7',
    ucum: 'mg/dL',
    display: 'mg/dL',
    factor: 1,
    min: 10,
    max: 1000,
    step: 1,
    decimals: 0,
  },
  bloodPressure: {
    label: 'Tension artérielle',
    loinc: '85354-9',
    ucum: 'mm[Hg]',
    display: 'mmHg',
    factor: 1,
    min: 30,
    max: 300,
    step: 1,
    decimals: 0,
  },
  pain: {
    label: 'Niveau de douleur',
    loinc: '72514-3',
    ucum: '{score}',
    display: '/10',
    factor: 1,
    min: 0,
    max: 10,
    step: 1,
    decimals: 0,
  },
  heartRate: {
    label: 'Fréquence cardiaque',
    loinc: '8867-4',
    ucum: '/min',
    display: 'bpm',
    factor: 1,
    min: 20,
    max: 250,
    step: 1,
    decimals: 0,
  },
  steps: {
    label: 'Nombre de pas',
    loinc: '41950-7',
    ucum: '/(24.h)',
    display: '',
    factor: 1,
    min: 0,
    max: 100000,
    step: 1,
    decimals: 0,
  },
  headCircumference: {
    label: 'Périmètre crânien',
    loinc: '8287-5',
    ucum: 'cm',
    display: 'cm',
    factor: 1,
    min: 20,
    max: 70,
    step: 0.1,
    decimals: 1,
  },
} as const;

export type MeasureKind = keyof typeof measureKinds;
export const MeasureKind = z.enum(Object.keys(measureKinds) as [MeasureKind, ...MeasureKind[]]);
/** Every measure but BMI, which is computed and never typed. */
export const TypedMeasureKind = MeasureKind.exclude(['bmi']);
export type TypedMeasureKind = z.infer<typeof TypedMeasureKind>;

/** Blood pressure's components (LOINC 8480-6 systolic, 8462-4 diastolic) and their bounds. */
export const bloodPressure = {
  systolic: { loinc: '8480-6', min: 50, max: 300 },
  diastolic: { loinc: '8462-4', min: 20, max: 200 },
} as const;

/** When a blood glucose was measured (LOINC answers; the value set is *unverified*, see the reference). */
export const glucoseMoments = {
  fasting: 'À jeun',
  postprandial: 'Après un repas',
  random: 'À un autre moment',
} as const;
export const GlucoseMoment = z.enum(
  Object.keys(glucoseMoments) as [keyof typeof glucoseMoments, ...(keyof typeof glucoseMoments)[]],
);

/** Measures plotted against age for children (R6.2, issue 5 § 3). */
export const childCurveKinds: MeasureKind[] = ['weight', 'height', 'headCircumference'];

/** A local date and time, minute precision: "2026-03-14T08:30" (the day and time must exist). */
export { LocalDateTime } from './input.js';

const inRange = (kind: TypedMeasureKind) => {
  const m = measureKinds[kind];
  const unit = m.display ? ` ${m.display}` : '';
  return z
    .number({ error: 'Saisissez une valeur numérique.' })
    .min(m.min, `La valeur doit être comprise entre ${fmt(m.min)} et ${fmt(m.max)}${unit}.`)
    .max(m.max, `La valeur doit être comprise entre ${fmt(m.min)} et ${fmt(m.max)}${unit}.`);
};
const fmt = (n: number) => n.toLocaleString('fr-FR');

/** A new value of a measure, in the unit people read (m for height): the request body. */
export const MeasureInput = z
  .object({
    measuredAt: LocalDateTime,
    value: z.number().optional(),
    systolic: z
      .number()
      .int('Saisissez un nombre entier.')
      .min(
        bloodPressure.systolic.min,
        `La systolique doit être comprise entre ${bloodPressure.systolic.min} et ${bloodPressure.systolic.max} mmHg.`,
      )
      .max(
        bloodPressure.systolic.max,
        `La systolique doit être comprise entre ${bloodPressure.systolic.min} et ${bloodPressure.systolic.max} mmHg.`,
      )
      .optional(),
    diastolic: z
      .number()
      .int('Saisissez un nombre entier.')
      .min(
        bloodPressure.diastolic.min,
        `La diastolique doit être comprise entre ${bloodPressure.diastolic.min} et ${bloodPressure.diastolic.max} mmHg.`,
      )
      .max(
        bloodPressure.diastolic.max,
        `La diastolique doit être comprise entre ${bloodPressure.diastolic.min} et ${bloodPressure.diastolic.max} mmHg.`,
      )
      .optional(),
    moment: GlucoseMoment.optional(),
  })
  .strict();
export type MeasureInput = z.infer<typeof MeasureInput>;

/**
 * The rules a value of `kind` must follow beyond its shape: range, whole numbers where a fraction makes no
 * sense, systolic above diastolic. Returns field problems (path, French message); empty when valid.
 */
export function checkMeasure(kind: TypedMeasureKind, input: MeasureInput): { path: string; message: string }[] {
  if (kind === 'bloodPressure') {
    const problems: { path: string; message: string }[] = [];
    if (input.systolic === undefined)
      problems.push({ path: 'body.systolic', message: 'Saisissez la pression systolique.' });
    if (input.diastolic === undefined)
      problems.push({ path: 'body.diastolic', message: 'Saisissez la pression diastolique.' });
    if (!problems.length && input.systolic! <= input.diastolic!)
      problems.push({
        path: 'body.systolic',
        message: 'La systolique (le chiffre du haut) doit être supérieure à la diastolique.',
      });
    return problems;
  }
  if (input.value === undefined) return [{ path: 'body.value', message: 'Saisissez une valeur.' }];
  const parsed = inRange(kind).safeParse(input.value);
  if (!parsed.success) return [{ path: 'body.value', message: parsed.error.issues[0]!.message }];
  if (['pain', 'heartRate', 'steps'].includes(kind) && !Number.isInteger(input.value))
    return [{ path: 'body.value', message: 'Saisissez un nombre entier.' }];
  if (input.moment && kind !== 'glucose')
    return [{ path: 'body.moment', message: 'Le moment ne concerne que la glycémie.' }];
  return [];
}

/** One value of a measure as the API shows it, in the unit people read. */
export const MeasureValue = z.object({
  id: z.uuid().nullable(),
  kind: MeasureKind,
  measuredAt: LocalDateTime,
  value: z.number().nullable(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  moment: GlucoseMoment.nullable(),
  /** The stored coding: LOINC code and UCUM unit (height in cm). */
  loinc: z.string(),
  ucum: z.string(),
  storedValue: z.number().nullable(),
});
export type MeasureValue = z.infer<typeof MeasureValue>;

/**
 * Body mass index from a weight in kg and a height in m, to one decimal (WHO definition: kg/m²).
 * Never typed: computed from the latest weight and the latest height.
 */
export function bmi(weightKg: number, heightM: number): number {
  // In whole units (cm, tenths) so that 80 kg at 1.60 m gives 31.25 → 31.3, not 31.2499… → 31.2.
  const cm = Math.round(heightM * 1000) / 10;
  return Math.round((weightKg * 100_000) / (cm * cm)) / 10;
}

/** A value as people read it: "72,5 kg", "12/8 mmHg" is written "120/80 mmHg". */
export function formatMeasure(v: Pick<MeasureValue, 'kind' | 'value' | 'systolic' | 'diastolic'>): string {
  const m = measureKinds[v.kind];
  const unit = m.display ? (m.display === '/10' ? m.display : ` ${m.display}`) : ' pas';
  if (v.kind === 'bloodPressure') return `${v.systolic}/${v.diastolic}${unit}`;
  if (v.value === null) return '';
  return `${v.value.toLocaleString('fr-FR', { maximumFractionDigits: m.decimals })}${unit}`.replace(
    /\u202f/g,
    '\u00a0',
  );
}
