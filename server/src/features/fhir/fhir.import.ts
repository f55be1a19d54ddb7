import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  AllergyIntolerance,
  Binary,
  Bundle,
  Communication,
  Condition,
  Consent,
  DocumentReference,
  FhirResource,
  Immunization,
  MedicationStatement,
  Observation,
  Patient,
  RelatedPerson,
} from 'fhir/r4';
import type { Platform } from '../../platform/platform.js';
import type { Runtime } from '../../platform/runtime.js';
import { operatorAccess, type AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { withJournal } from '../../platform/journal.js';
import { Category, ADMIN_CATEGORY } from '../../../../shared/src/documents.js';
import { itemKinds, type ItemKind } from '../../../../shared/src/medical.js';
import { measureKinds, type MeasureKind } from '../../../../shared/src/measures.js';
import { normalizeNir } from '../../../../shared/src/nir.js';
import { saveWishes } from '../medical/medical.wishes.js';
import { hasImportRef } from '../documents/documents.repo.js';
import { storeInspected } from '../documents/documents.service.js';
import { cleanFileName, inspectDocument } from '../documents/documents.inspect.js';
import * as c from './fhir.codes.js';
import { UNSPECIFIED_REACTION } from './fhir.map.js';
import * as repo from './fhir.repo.js';
import { sealMessage } from '../messaging/messaging.seal.js';
import { MAX_BODY_CHARS } from '../../../../shared/src/messaging.js';

export interface FhirImportReport {
  imported: Record<string, number>;
  alreadyThere: number;
  refused: { resource: string; reason: string }[];
}

/** A uuid derived from the target profile and the bundle's id: the same bundle imported twice maps to the same rows. */
function derivedId(profileId: string, id: string): string {
  const h = createHash('sha256').update(`${profileId}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const refId = (ref: string | undefined) => ref?.split('/').pop();
const dayOf = (s: string | undefined) => (s ? s.slice(0, 10) : undefined);
const clean = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
const text = (b64: string | undefined) => (b64 ? Buffer.from(b64, 'base64').toString('utf8') : undefined);

/** The item of the medical profile a resource carries, in Carnet's own shape (then validated by its schema). */
function itemOf(r: FhirResource, profileId: string): { kind: ItemKind; data: Record<string, unknown> } | null {
  switch (r.resourceType) {
    case 'Condition': {
      const x = r as Condition;
      return {
        kind: 'conditions',
        data: clean({ name: x.code?.text, since: dayOf(x.onsetDateTime), note: x.note?.[0]?.text }),
      };
    }
    case 'MedicationStatement': {
      const x = r as MedicationStatement;
      const condition = refId(x.reasonReference?.[0]?.reference);
      return {
        kind: 'treatments',
        data: clean({
          name: x.medicationCodeableConcept?.text,
          dose: x.dosage?.[0]?.text,
          frequency: x.dosage?.[0]?.timing?.code?.coding?.find((k) => k.system === c.CARNET_FREQUENCY)?.code,
          startDate: dayOf(x.effectivePeriod?.start),
          endDate: dayOf(x.effectivePeriod?.end),
          conditionId: condition ? derivedId(profileId, condition) : undefined,
        }),
      };
    }
    case 'AllergyIntolerance': {
      const x = r as AllergyIntolerance;
      const reaction = x.reaction?.[0]?.manifestation?.[0]?.text;
      return {
        kind: 'allergies',
        data: clean({
          substance: x.code?.text,
          reaction: reaction === UNSPECIFIED_REACTION ? undefined : reaction,
          severity: x.reaction?.[0]?.severity,
        }),
      };
    }
    case 'Immunization': {
      const x = r as Immunization;
      return {
        kind: 'vaccinations',
        data: clean({
          vaccine: x.vaccineCode?.text,
          date: dayOf(x.occurrenceDateTime),
          doseNumber: x.protocolApplied?.[0]?.doseNumberPositiveInt,
          batch: x.lotNumber,
          vaccinator: x.performer?.[0]?.actor?.display,
        }),
      };
    }
    case 'RelatedPerson': {
      const x = r as RelatedPerson;
      const phones = (x.telecom ?? [])
        .filter((t) => t.system === 'phone')
        .sort((a, b) => (a.rank ?? 9) - (b.rank ?? 9));
      return {
        kind: 'contacts',
        data: clean({
          role: x.relationship?.[0]?.coding?.find((k) => k.system === c.CARNET_CONTACT_ROLE)?.code ?? 'other',
          name: x.name?.[0]?.text ?? [x.name?.[0]?.given?.join(' '), x.name?.[0]?.family].filter(Boolean).join(' '),
          relation: x.relationship?.[1]?.text,
          phone: phones[0]?.value,
          phone2: phones[1]?.value,
          email: x.telecom?.find((t) => t.system === 'email')?.value,
          address: x.address?.[0]?.text,
        }),
      };
    }
    default:
      return null;
  }
}

const byLoinc = new Map<string, MeasureKind>(Object.entries(measureKinds).map(([k, m]) => [m.loinc, k as MeasureKind]));

function measureOf(o: Observation) {
  const kind = byLoinc.get(o.code?.coding?.find((k) => k.system === c.LOINC)?.code ?? '');
  if (!kind || kind === 'bmi') throw new Error('mesure inconnue (code LOINC)');
  const m = measureKinds[kind];
  const q =
    kind === 'bloodPressure' ? [o.component?.[0]?.valueQuantity, o.component?.[1]?.valueQuantity] : [o.valueQuantity];
  if (q.some((x) => typeof x?.value !== 'number' || x.code !== m.ucum))
    throw new Error(`valeur attendue en ${m.ucum} (UCUM)`);
  const at = o.effectiveDateTime ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(at)) throw new Error('date de mesure manquante');
  return {
    kind,
    loinc: m.loinc,
    ucum: m.ucum,
    value: q[0]!.value!,
    value2: q[1]?.value ?? null,
    moment: o.method?.coding?.find((k) => k.system === c.CARNET_MOMENT)?.code ?? null,
    measured_at: at.slice(0, 16),
  };
}

async function importDocument(
  platform: Platform,
  ctx: AccessContext,
  d: DocumentReference,
  binaries: Map<string, Binary>,
  baseDir?: string,
) {
  const ref = `fhir:${d.id}`;
  if (await hasImportRef(platform.db, ctx, ref)) return false;
  const a = d.content?.[0]?.attachment;
  let bytes: Buffer | undefined;
  if (a?.data) bytes = Buffer.from(a.data, 'base64');
  else if (a?.url?.startsWith('Binary/')) {
    const b = binaries.get(a.url.slice(7));
    if (b?.data) bytes = Buffer.from(b.data, 'base64');
  } else if (a?.url && baseDir && !a.url.includes('..')) bytes = await readFile(path.join(baseDir, a.url));
  if (!bytes) throw new Error('contenu du document introuvable (Binary ou attachment.data)');
  const inspected = await inspectDocument(bytes); // the same content rules as an upload
  const category = Category.safeParse(d.category?.[0]?.coding?.find((k) => k.system === c.CARNET_CATEGORY)?.code);
  const cat = category.success ? category.data : 'AUTR_DOC';
  const labels = new Set(
    (d.securityLabel ?? [])
      .flatMap((l) => l.coding ?? [])
      .filter((k) => k.system === c.VISIBILITY_SYSTEM)
      .map((k) => k.code),
  );
  const row = await storeInspected(platform, ctx, inspected.data, {
    title: (d.description ?? a?.title ?? 'Document').slice(0, 200),
    category: cat,
    space: cat === ADMIN_CATEGORY ? 'admin' : 'health',
    document_date: dayOf(d.context?.period?.start) ?? null,
    author_kind: 'import',
    file_name: cleanFileName(a?.title, inspected.extension),
    mime_type: inspected.mimeType,
    type_code: d.type?.coding?.find((k) => k.system === c.LOINC)?.code ?? null,
    import_ref: ref,
  });
  await repo.setDocumentVisibility(platform.db, ctx, row.id, {
    hidden_from_professionals: labels.has('MASQUE_PS'),
    hidden_from_representatives: labels.has('INVISIBLE_REPRESENTANTS_LEGAUX'),
  });
  return true;
}

const instant = (s: string | undefined) => {
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/**
 * A message of the export's Communication: its conversation with the professional named by IDNPS (who must
 * be in the directory), sealed again with this Carnet's messages' key, under an id derived from the bundle's.
 * A confidential label keeps the exchange hidden from representatives.
 */
async function importMessage(platform: Platform, ctx: AccessContext, profileId: string, x: Communication) {
  if (!platform.messageKey) throw new Error('clé des messages absente');
  const toProfessional = !!x.sender?.reference?.startsWith('Patient/');
  const pro = toProfessional ? x.recipient?.[0] : x.sender;
  const idnps = pro?.identifier?.system === c.IDNPS ? pro.identifier.value : undefined;
  if (!idnps || !/^8[0-9]{11}$/.test(idnps)) throw new Error('professionnel sans IDNPS (8 + RPPS)');
  const found = await repo.professionalByRpps(platform.db, idnps.slice(1));
  if (!found) throw new Error(`professionnel inconnu de l'annuaire (IDNPS ${idnps})`);
  const subject = x.topic?.text ?? '';
  const body = x.payload?.[0]?.contentString ?? '';
  if (!body || body.length > MAX_BODY_CHARS || subject.length > 400) throw new Error('message vide ou trop long');
  const sent = instant(x.sent);
  if (!sent) throw new Error("date d'envoi manquante");
  const confidential = (x.meta?.security ?? []).some(
    (l) => l.system === c.VISIBILITY_SYSTEM && l.code === 'INVISIBLE_REPRESENTANTS_LEGAUX',
  );
  const id = derivedId(profileId, x.id!);
  return withJournal(platform.db, ctx, { action: 'fhir.import', resourceType: 'message' }, async (trx) => {
    const conversationId = await repo.importConversation(trx, ctx, found.id, confidential);
    const added = await repo.insertMessageIfAbsent(trx, ctx, {
      id,
      conversation_id: conversationId,
      direction: toProfessional ? 'to_professional' : 'to_patient',
      ...sealMessage(platform.messageKey!, id, subject, body),
      sent_at: sent,
      read_at: instant(x.received),
      author_name: toProfessional ? (x.sender?.display ?? null) : null,
    });
    if (added) await repo.refreshConversation(trx, ctx, conversationId);
    return added;
  });
}

/**
 * Operator import of a FHIR R4 Bundle (the export's own format) into the space of `nir` (R10, issue 12
 * §6): the medical profile's lists and measures, wishes, documents (through the documents' content
 * rules) and messages (Communication, their conversations rebuilt). The Patient must carry the same
 * INS-NIR; AuditEvents are not imported (the new space's journal records the import instead).
 * Idempotent: ids are derived from the bundle's, documents keyed by import_ref.
 */
export async function importBundle(
  platform: Platform,
  bundle: unknown,
  nirInput: string,
  opts: { operatorId?: string; baseDir?: string } = {},
): Promise<FhirImportReport> {
  const b = bundle as Bundle;
  if (!b || b.resourceType !== 'Bundle' || !Array.isArray(b.entry)) throw new AppError('FHIR_IMPORT_INVALID');
  const nir = normalizeNir(nirInput);
  const profile = await platform.db
    .selectFrom('profile')
    .select(['id', 'status'])
    .where('nir', '=', nir)
    .executeTakeFirst();
  if (!profile || profile.status === 'closed')
    throw new AppError('NOT_FOUND', 'Aucun espace ouvert ne correspond à ce NIR.');
  const resources = b.entry.map((e) => e.resource).filter((r): r is FhirResource => !!r);
  const patient = resources.find((r) => r.resourceType === 'Patient') as Patient | undefined;
  const ins = patient?.identifier?.find((i) => i.system === c.INS_NIR)?.value;
  if (ins && normalizeNir(ins) !== nir)
    throw new AppError('FHIR_IMPORT_INVALID', "L'INS du Patient du Bundle n'est pas celui de l'espace visé.");
  const ctx = operatorAccess(opts.operatorId ?? 'fhir-import', profile.id);
  const report: FhirImportReport = { imported: {}, alreadyThere: 0, refused: [] };
  const count = (type: string, added: boolean) =>
    added ? (report.imported[type] = (report.imported[type] ?? 0) + 1) : report.alreadyThere++;
  const binaries = new Map(resources.filter((r): r is Binary => r.resourceType === 'Binary').map((x) => [x.id!, x]));
  // Conditions first: treatments point at them.
  const order = [
    'Condition',
    'MedicationStatement',
    'AllergyIntolerance',
    'Immunization',
    'RelatedPerson',
    'Observation',
    'Consent',
    'DocumentReference',
    'Communication',
  ];
  const sorted = resources
    .filter((r) => order.includes(r.resourceType))
    .sort((x, y) => order.indexOf(x.resourceType) - order.indexOf(y.resourceType));
  const wishes: { directives?: string; donationStance?: 'favorable' | 'opposed' | 'undecided'; donationNote?: string } =
    {};
  for (const r of sorted) {
    const name = `${r.resourceType}/${r.id}`;
    try {
      if (!r.id) throw new Error('ressource sans id');
      const item = itemOf(r, profile.id);
      if (item) {
        const data = itemKinds[item.kind].schema.parse(item.data);
        count(
          r.resourceType,
          await withJournal(platform.db, ctx, { action: 'fhir.import', resourceType: item.kind }, (trx) =>
            repo.insertItemIfAbsent(trx, ctx, derivedId(profile.id, r.id!), item.kind, data),
          ),
        );
      } else if (r.resourceType === 'Observation') {
        const m = measureOf(r as Observation);
        count(
          'Observation',
          await withJournal(platform.db, ctx, { action: 'fhir.import', resourceType: 'measure' }, (trx) =>
            repo.insertMeasureIfAbsent(trx, ctx, derivedId(profile.id, r.id!), m),
          ),
        );
      } else if (r.resourceType === 'Consent') {
        const x = r as Consent;
        const stance = x.category?.[0]?.coding
          ?.find((k) => k.system === c.CARNET_CONSENT)
          ?.code?.replace('organ-donation-', '');
        if (x.category?.[0]?.coding?.some((k) => k.code === '75320-2'))
          wishes.directives = text(x.sourceAttachment?.data);
        else if (stance === 'favorable' || stance === 'opposed' || stance === 'undecided') {
          wishes.donationStance = stance;
          wishes.donationNote = text(x.sourceAttachment?.data);
        }
      } else if (r.resourceType === 'DocumentReference') {
        count('DocumentReference', await importDocument(platform, ctx, r as DocumentReference, binaries, opts.baseDir));
      } else if (r.resourceType === 'Communication') {
        count('Communication', await importMessage(platform, ctx, profile.id, r as Communication));
      }
    } catch (err) {
      report.refused.push({
        resource: name,
        reason: err instanceof AppError ? err.message : (err as Error).message.slice(0, 200),
      });
    }
  }
  if (Object.keys(wishes).length) {
    try {
      await saveWishes(platform.db, ctx, wishes); // refuses directives for a minor (R4.5), like the form
      report.imported.Consent = Object.values(wishes).filter((v) => v !== undefined).length ? 1 : 0;
    } catch (err) {
      report.refused.push({ resource: 'Consent', reason: (err as Error).message });
    }
  }
  return report;
}

/** `npm run carnet -- fhir:import <bundle.json> --nir <NIR>`. */
export async function fhirImportCommand(runtime: Runtime, args: string[]): Promise<number> {
  const file = args[0];
  const nir = args[args.indexOf('--nir') + 1];
  if (!file || !args.includes('--nir') || !nir) {
    console.error('usage: npm run carnet -- fhir:import <bundle.json> --nir <NIR>');
    return 64;
  }
  const report = await importBundle(runtime, JSON.parse(await readFile(path.resolve(file), 'utf8')), nir, {
    baseDir: path.dirname(path.resolve(file)),
  });
  const total = Object.values(report.imported).reduce((a, b) => a + b, 0);
  console.log(
    `${total} ressource(s) importée(s), ${report.alreadyThere} déjà présente(s), ${report.refused.length} refusée(s)`,
  );
  for (const [type, n] of Object.entries(report.imported)) console.log(`  ${type} : ${n}`);
  for (const r of report.refused) console.log(`  ${r.resource} : ${r.reason}`);
  return report.refused.length ? 1 : 0;
}
