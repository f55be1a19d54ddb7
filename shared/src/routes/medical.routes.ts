import { z } from 'zod';
import { defineRoute } from '../contract.js';
import { isoDate } from '../input.js';
import {
  CareEventView,
  CareQuery,
  ItemKind,
  ItemView,
  SynthesisSection,
  WishesInput,
  WishesView,
  itemKinds,
} from '../medical.js';
import { MeasureInput, MeasureKind, MeasureValue, TypedMeasureKind } from '../measures.js';

const ProfileParams = z.object({ profileId: z.uuid() });
const IdParams = ProfileParams.extend({ id: z.uuid() });
const MeasureParams = ProfileParams.extend({ kind: MeasureKind });
const TypedMeasureParams = ProfileParams.extend({ kind: TypedMeasureKind });
const TypedMeasureIdParams = TypedMeasureParams.extend({ id: z.uuid() });
const DateRange = z.object({ from: isoDate().optional(), to: isoDate().optional() });
const tags = ['medical'] as const;
const base = '/api/profiles/:profileId/medical';
const reads = { profile: 'health:read' } as const;
const writes = { profile: 'health:write' } as const;
const anId = { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' };

export const MedicalSummary = z.object({
  birthDate: z.string(),
  isMinor: z.boolean(),
  counts: z.record(ItemKind, z.number()),
  latest: z.record(ItemKind, z.array(ItemView)),
  measures: z.array(MeasureValue),
  wishes: WishesView,
  careCount: z.number(),
  latestCare: z.string().nullable(),
});

/** A valid entry of each list, for the sweeps. */
const examples: Record<ItemKind, Record<string, unknown>> = {
  conditions: { name: 'Asthme' },
  treatments: { name: 'Ventoline' },
  allergies: { substance: 'Pollen' },
  vaccinations: { vaccine: 'Grippe', date: '2024-10-15' },
  contacts: { role: 'emergency', name: 'Paul', phone: '0601020304' },
};

const cap = (kind: string) => kind[0]!.toUpperCase() + kind.slice(1);

/** The four routes of one list of the medical profile, each with its kind's own body schema. */
function itemRoutes<K extends ItemKind>(kind: K) {
  const Body = itemKinds[kind].schema as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>;
  const section = itemKinds[kind].section;
  const path = `${base}/${kind}`;
  return {
    list: defineRoute({
      method: 'GET',
      path,
      operationId: `list${cap(kind)}`,
      summary: `${section}: list`,
      tags,
      access: reads,
      params: ProfileParams,
      responses: { 200: z.object({ items: z.array(ItemView) }) },
    }),
    create: defineRoute({
      method: 'POST',
      path,
      operationId: `add${cap(kind)}`,
      summary: `${section}: add`,
      tags,
      access: writes,
      params: ProfileParams,
      body: Body,
      responses: { 201: z.object({ item: ItemView }) },
      example: { body: examples[kind] },
    }),
    update: defineRoute({
      method: 'PUT',
      path: `${path}/:id`,
      operationId: `edit${cap(kind)}`,
      summary: `${section}: edit`,
      tags,
      access: writes,
      params: IdParams,
      body: Body,
      responses: { 200: z.object({ item: ItemView }) },
      example: { params: anId, body: examples[kind] },
    }),
    remove: defineRoute({
      method: 'DELETE',
      path: `${path}/:id`,
      operationId: `delete${cap(kind)}`,
      summary: `${section}: delete`,
      tags,
      access: writes,
      params: IdParams,
      responses: { 204: z.null() },
      example: { params: anId },
    }),
  };
}

/** The medical profile (R6): lists, measures, wishes, care history, synthesis PDF; the operator's care import. */
export const medicalRoutes = {
  summary: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'medicalSummary',
    summary: 'Home of the medical profile: counts, latest entries, latest measures, BMI',
    tags,
    access: reads,
    params: ProfileParams,
    responses: { 200: MedicalSummary },
  }),
  items: Object.fromEntries((Object.keys(itemKinds) as ItemKind[]).map((k) => [k, itemRoutes(k)])) as {
    [K in ItemKind]: ReturnType<typeof itemRoutes<K>>;
  },
  measureHistory: defineRoute({
    method: 'GET',
    path: `${base}/measures/:kind`,
    operationId: 'measureHistory',
    summary: "A measure's history (BMI computed), with a date range",
    tags,
    access: reads,
    params: MeasureParams,
    query: DateRange,
    responses: { 200: z.object({ birthDate: z.string(), values: z.array(MeasureValue) }) },
    example: { params: { kind: 'weight' } },
  }),
  addMeasure: defineRoute({
    method: 'POST',
    path: `${base}/measures/:kind`,
    operationId: 'addMeasure',
    summary: 'Add a value (in the unit people read: height in m); BMI cannot be typed',
    tags,
    access: writes,
    params: TypedMeasureParams,
    body: MeasureInput,
    responses: { 201: z.object({ value: MeasureValue }) },
    example: { params: { kind: 'weight' }, body: { measuredAt: '2026-01-02T08:30', value: 70 } },
  }),
  updateMeasure: defineRoute({
    method: 'PUT',
    path: `${base}/measures/:kind/:id`,
    operationId: 'editMeasure',
    summary: 'Edit a value',
    tags,
    access: writes,
    params: TypedMeasureIdParams,
    body: MeasureInput,
    responses: { 200: z.object({ value: MeasureValue }) },
    example: { params: { kind: 'weight', ...anId }, body: { measuredAt: '2026-01-02T08:30', value: 71 } },
  }),
  deleteMeasure: defineRoute({
    method: 'DELETE',
    path: `${base}/measures/:kind/:id`,
    operationId: 'deleteMeasure',
    summary: 'Delete a value',
    tags,
    access: writes,
    params: TypedMeasureIdParams,
    responses: { 204: z.null() },
    example: { params: { kind: 'weight', ...anId } },
  }),
  wishes: defineRoute({
    method: 'GET',
    path: `${base}/wishes`,
    operationId: 'readWishes',
    summary: 'Advance directives and organ donation stance',
    tags,
    access: reads,
    params: ProfileParams,
    responses: { 200: WishesView },
  }),
  saveWishes: defineRoute({
    method: 'PUT',
    path: `${base}/wishes`,
    operationId: 'saveWishes',
    summary: 'Save wishes (advance directives: adults only)',
    tags,
    access: writes,
    params: ProfileParams,
    body: WishesInput,
    responses: { 200: WishesView },
    example: { body: { donationStance: 'undecided' } },
  }),
  care: defineRoute({
    method: 'GET',
    path: `${base}/care`,
    operationId: 'careHistory',
    summary: 'Care history, filtered by dates and kind',
    tags,
    access: reads,
    params: ProfileParams,
    query: CareQuery,
    responses: { 200: z.object({ events: z.array(CareEventView), kinds: z.array(z.string()) }) },
  }),
  synthesis: defineRoute({
    method: 'GET',
    path: `${base}/synthesis.pdf`,
    operationId: 'synthesisPdf',
    summary: '« La synthèse »: a PDF of the chosen sections',
    tags,
    access: reads,
    params: ProfileParams,
    query: z.object({
      sections: z
        .string()
        .transform((s) => s.split(','))
        .pipe(z.array(SynthesisSection).min(1, 'Choisissez au moins une rubrique.')),
    }),
    responses: { 200: z.any() },
    example: { query: { sections: 'conditions' } },
  }),
  careImport: defineRoute({
    method: 'POST',
    path: '/api/operator/care-history',
    operationId: 'importCareHistory',
    summary:
      'Import reimbursed care from CSV (nir, date, kind, professional, amount, reimbursed, ref); idempotent on ref',
    tags: ['operator'],
    access: 'operator',
    consumes: ['text/csv'],
    responses: {
      200: z.object({
        read: z.number(),
        imported: z.number(),
        alreadyThere: z.number(),
        refused: z.array(z.object({ line: z.number(), reason: z.string() })),
      }),
    },
    errors: [400, 401, 415],
  }),
};
