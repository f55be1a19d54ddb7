import type { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Queue } from '../../platform/queue.js';
import type { BlobStore } from '../../platform/blobs.js';
import { recordOn, type AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal, SYSTEM_CHAIN, withJournal } from '../../platform/journal.js';
import {
  EMERGENCY_MAX_MINUTES,
  notifyAccess,
  professionalActor,
  type ProfessionalUser,
} from '../../platform/professional-access.js';
import { ADMIN_CATEGORY, categoryLabels, typeCodes } from '../../../../shared/src/documents.js';
import { professionLabels } from '../../../../shared/src/professionals/access-matrix.js';
import type {
  EmergencyInput,
  FoundPatient,
  PatientProfessionalView,
  PatientTraits,
  ProDocumentView,
  ProView,
} from '../../../../shared/src/routes/pro.routes.js';
import * as documents from '../documents/documents.repo.js';
import type { DocumentRow } from '../documents/documents.repo.js';
import { readFile, storeInspected } from '../documents/documents.service.js';
import { cleanFileName, inspectDocument } from '../documents/documents.inspect.js';
import * as medical from '../medical/medical.repo.js';
import { presentItem, presentWishes } from '../medical/medical.presenter.js';
import * as repo from './pro.repo.js';
import * as accessRepo from '../access/access.repo.js';
import type { AccessRow } from '../access/access.repo.js';
import { professionLabel } from '../../../../shared/src/professionals/professions.js';
import { synthesisPdf } from '../medical/synthesis.pdf.js';
import { SynthesisSection } from '../../../../shared/src/medical.js';

/** The signed-in professional's directory entry. */
export async function me(db: Db, pro: ProfessionalUser): Promise<ProView> {
  const p = await repo.findProfessional(db, pro.professionalId);
  if (!p) throw new AppError('UNAUTHENTICATED');
  return {
    id: p.id,
    rpps: p.rpps,
    firstName: p.first_name,
    lastName: p.last_name,
    professionCode: p.profession_code,
    professionLabel: professionLabels[p.profession_code] ?? p.profession_code,
    regulator: p.regulator,
    structureName: p.structure_name,
  };
}

/**
 * One patient by INS traits, an exact match only: two or more candidates answer as none (never a list).
 * The search is journaled on the patient's chain when found (who looked them up), else on the system chain
 * without the traits typed.
 */
export async function findPatient(db: Db, pro: ProfessionalUser, traits: PatientTraits): Promise<FoundPatient> {
  const by = 'nir' in traits ? 'nir' : 'traits';
  const rows = await repo.patientsByTraits(db, traits);
  if (rows.length !== 1) {
    await db.transaction().execute((trx) =>
      journal(trx, recordOn(professionalActor(pro), SYSTEM_CHAIN), {
        action: 'pro.patient.search',
        detail: { by, found: false },
      }),
    );
    throw new AppError('PATIENT_NOT_FOUND');
  }
  const p = rows[0]!;
  const [access, open] = await Promise.all([
    repo.accessOf(db, p.id, pro.professionalId),
    repo.openEmergency(db, p.id, pro.professionalId),
  ]);
  await db.transaction().execute((trx) =>
    journal(trx, recordOn(professionalActor(pro), p.id), {
      action: 'pro.patient.search',
      resourceType: 'profile',
      resourceId: p.id,
      detail: { by, found: true },
    }),
  );
  return {
    patient: {
      profileId: p.id,
      birthName: p.birth_name,
      firstNames: p.first_names,
      sex: p.sex,
      birthDate: p.birth_date,
    },
    access: access?.status ?? 'none',
    administrator: access?.status === 'authorized' && access.administrator,
    emergencyUntil: open ? open.toISOString() : null,
    synthesisShared: access?.status === 'authorized' && (access.synthesis_sections?.length ?? 0) > 0,
  };
}

/** « Consentement recueilli lors de la consultation » (R8.7): the professional joins the authorized list. */
export async function declareConsent(db: Db, ctx: AccessContext): Promise<{ access: 'authorized' }> {
  return withJournal(
    db,
    ctx,
    { action: 'pro.consent', resourceType: 'professional', resourceId: ctx.professional!.id },
    async (trx) => {
      await repo.authorize(trx, ctx);
      return { access: 'authorized' as const };
    },
  );
}

/** A document row as a professional sees it. */
export function presentForPro(row: DocumentRow, ctx: AccessContext): ProDocumentView {
  return {
    id: row.id,
    title: row.title,
    category: row.category as ProDocumentView['category'],
    categoryLabel: categoryLabels[row.category] ?? row.category,
    typeCode: row.type_code,
    typeLabel: row.type_code ? (typeCodes[row.type_code]?.label ?? null) : null,
    documentDate: row.document_date,
    author: {
      kind: row.author_kind,
      name: row.pro_last_name ? `${row.pro_first_name ?? ''} ${row.pro_last_name}`.trim() : null,
    },
    mine: row.author_professional_id === ctx.professional?.id,
    invisibleToPatient: row.invisible_to_patient,
    hiddenFromProfessionals: row.hidden_from_professionals,
    mimeType: row.mime_type,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at.toISOString(),
  };
}

/** The documents the professional may read (the matrix filter is in the repository), journaled. */
export async function listDocuments(db: Db, ctx: AccessContext): Promise<{ documents: ProDocumentView[] }> {
  return withJournal(
    db,
    ctx,
    { action: 'document.list', resourceType: 'document', detail: { space: 'health' } },
    async (trx) => ({
      documents: (await documents.listDocuments(trx, ctx, { space: 'health', sort: 'date_desc' })).map((r) =>
        presentForPro(r, ctx),
      ),
    }),
  );
}

/**
 * A document's file for a professional. A document the matrix or its confidentiality keeps from them
 * answers as one that does not exist, and the refusal is journaled (the read's own line is rolled back).
 */
export async function readDocumentFile(deps: { db: Db; blobs: BlobStore }, ctx: AccessContext, id: string) {
  try {
    return await readFile(deps, ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      const record = recordOn(ctx.actor, ctx.profileId, ctx.reason, ctx.professional);
      await deps.db.transaction().execute((trx) =>
        journal(trx, record, {
          action: 'document.read.refused',
          resourceType: 'document',
          resourceId: id,
          detail: { status: 404 },
        }),
      );
    }
    throw err;
  }
}

/**
 * A professional's deposit (R7.5): the patients' content rules and store, a CI-SIS type code (its patient
 * category follows from it), the author recorded, optionally invisible to the patient.
 */
export async function deposit(
  deps: { db: Db; blobs: BlobStore },
  ctx: AccessContext,
  file: { bytes: Buffer; name?: string },
  q: { typeCode: string; title: string; documentDate?: string; invisibleToPatient: boolean },
) {
  const inspected = await inspectDocument(file.bytes);
  const type = typeCodes[q.typeCode]!;
  const row = await storeInspected(
    deps,
    ctx,
    inspected.data,
    {
      title: q.title,
      category: type.category,
      space: type.category === ADMIN_CATEGORY ? 'admin' : 'health',
      document_date: q.documentDate ?? new Date().toISOString().slice(0, 10),
      author_kind: 'professional',
      author_professional_id: ctx.professional!.id,
      type_code: q.typeCode,
      file_name: cleanFileName(file.name, inspected.extension),
      mime_type: inspected.mimeType,
      invisible_to_patient: q.invisibleToPatient,
    },
    { typeCode: q.typeCode, invisibleToPatient: q.invisibleToPatient, converted: inspected.converted },
  );
  return presentForPro(row, ctx);
}

/** The author lifts INVISIBLE_PATIENT (after the announcement consultation). */
export async function release(db: Db, ctx: AccessContext, id: string): Promise<ProDocumentView> {
  return withJournal(db, ctx, { action: 'document.release', resourceType: 'document', resourceId: id }, async (trx) => {
    if (!(await documents.releaseToPatient(trx, ctx, id))) {
      throw new AppError((await documents.findDocument(trx, ctx, id)) ? 'PRO_NOT_AUTHOR' : 'NOT_FOUND');
    }
    return presentForPro((await documents.findDocument(trx, ctx, id))!, ctx);
  });
}

/**
 * The medical profile sections a professional with access reads: « Histoire de santé » (conditions,
 * treatments, allergies), vaccinations, « Entourage et volontés » — the sections the real service takes
 * away from a blocked professional. Measures and the reimbursed care history stay the patient's own.
 */
export async function medicalSections(db: Db, ctx: AccessContext) {
  const kinds = ['conditions', 'treatments', 'allergies', 'vaccinations', 'contacts'] as const;
  return withJournal(
    db,
    ctx,
    { action: 'medical.read', resourceType: 'medical', detail: { sections: [...kinds, 'wishes'] } },
    async (trx) => {
      const lists = await Promise.all(kinds.map(async (k) => (await medical.listItems(trx, ctx, k)).map(presentItem)));
      const wishes = presentWishes(await medical.findWishes(trx, ctx), await medical.birthDate(trx, ctx));
      return {
        conditions: lists[0]!,
        treatments: lists[1]!,
        allergies: lists[2]!,
        vaccinations: lists[3]!,
        contacts: lists[4]!,
        wishes,
      };
    },
  );
}

/**
 * Opens an emergency access (R8.5): the mode the decision chose (centre_15 for a SAMU regulator when the
 * patient allows it, else bris_de_glace), a reason, at most EMERGENCY_MAX_MINUTES; journaled, and an
 * e-mail to the patient (and a minor's representatives) at each one, in the same transaction.
 */
export async function openEmergency(db: Db, queue: Queue, ctx: AccessContext, input: z.infer<typeof EmergencyInput>) {
  const minutes = Math.min(input.durationMinutes, EMERGENCY_MAX_MINUTES);
  const mode = ctx.professional!.mode as 'bris_de_glace' | 'centre_15';
  return db.transaction().execute(async (trx) => {
    const endsAt = await repo.insertEmergency(trx, ctx, mode, input.reason, minutes);
    await journal(trx, ctx, {
      action: 'emergency.open',
      resourceType: 'emergency_access',
      detail: { reason: input.reason, minutes, until: endsAt.toISOString() },
    });
    await notifyAccess(trx, queue, ctx.profileId!, 'emergency');
    return { mode, endsAt: endsAt.toISOString() };
  });
}

/**
 * « la synthèse » the patient shared with this professional (R6.5): the policy has checked the share
 * (capability `synthesis`); the PDF holds the sections the patient chose, generated now from the current
 * profile, and its read is journaled as the patient's own download is (medical.synthesis).
 */
export async function sharedSynthesis(db: Db, ctx: AccessContext): Promise<Buffer> {
  const sections = (await repo.sharedSynthesis(db, ctx)).flatMap((s) => {
    const parsed = SynthesisSection.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
  // Withdrawn between the decision and this read: the same answer as the decision's.
  if (!sections.length) throw new AppError('PRO_SYNTHESIS_NOT_SHARED');
  return synthesisPdf(db, ctx, sections);
}

/** One of the patient's professionals as an administrator sees them (no roles, no shared synthesis). */
function presentPatientProfessional(r: AccessRow, ctx: AccessContext): PatientProfessionalView {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    profession: professionLabel(r.profession_code),
    structureName: r.structure_name,
    status: r.status!,
    since: r.since ? new Date(r.since).toISOString() : null,
    administrator: r.status === 'authorized' && (r.administrator ?? false),
    self: r.id === ctx.professional?.id,
  };
}

/**
 * The patient's lists, for a professional the patient made administrator (the `administer` capability of
 * the professionals' decision), journaled as the patient's own reading of them is.
 */
export async function patientProfessionals(db: Db, ctx: AccessContext) {
  return withJournal(
    db,
    ctx,
    { action: 'access.professionals-read', detail: { by: 'administrator' } },
    async (trx) => ({
      professionals: (await accessRepo.listAccess(trx, ctx))
        .filter((r) => r.status)
        .map((r) => presentPatientProfessional(r, ctx)),
    }),
  );
}

/**
 * An administrator blocks another of the patient's professionals (R8.3: « an administrator … may block
 * others »), as the patient's « bloquer » does: no further access, deposits still allowed, the synthesis
 * withdrawn. Only a professional on the patient's lists (404 otherwise); never oneself, nor another
 * administrator — whose status only the patient gives and takes back — (PRO_CANNOT_BLOCK, the refusal
 * journaled). The patient's history names the administrator who blocked.
 */
export async function blockProfessional(db: Db, ctx: AccessContext, professionalId: string) {
  const target = await accessRepo.findPro(db, ctx, professionalId);
  if (!target?.status) throw new AppError('NOT_FOUND');
  const why =
    target.id === ctx.professional?.id
      ? 'cannot_block_self'
      : target.status === 'authorized' && target.administrator
        ? 'cannot_block_administrator'
        : null;
  if (why) {
    await db.transaction().execute((trx) =>
      journal(trx, ctx, {
        action: 'access.professional-block-refused',
        resourceType: 'professional',
        resourceId: professionalId,
        detail: { why, code: 'PRO_CANNOT_BLOCK', status: 409 },
      }),
    );
    throw new AppError('PRO_CANNOT_BLOCK');
  }
  return db.transaction().execute(async (trx) => {
    await accessRepo.block(trx, ctx, professionalId);
    await journal(trx, ctx, {
      action: 'access.professional-blocked',
      resourceType: 'professional',
      resourceId: professionalId,
      detail: { by: 'administrator', name: `${target.first_name} ${target.last_name}` },
    });
    return { professional: presentPatientProfessional((await accessRepo.findPro(trx, ctx, professionalId))!, ctx) };
  });
}
