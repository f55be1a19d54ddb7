import type { Db, Trx } from '../../platform/db.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal, withJournal } from '../../platform/journal.js';
import type { EmergencySettings, ProfessionalView, Role } from '../../../../shared/src/professionals/access.js';
import * as repo from './access.repo.js';
import type { SynthesisSection } from '../../../../shared/src/medical.js';
import { presentProfessional } from './access.presenter.js';

/**
 * « Paramètres » → professionnels (R8.1–R8.3, R8.5): the patient's lists, blocking (also before any
 * access, from the directory), administrators, roles, the emergency switches and the e-mail notice.
 * Every read and change is journaled in its transaction.
 */

export async function lists(db: Db, ctx: AccessContext) {
  return withJournal(db, ctx, { action: 'access.professionals-read' }, async (trx) => {
    const rows = (await repo.listAccess(trx, ctx)).map(presentProfessional);
    return {
      authorized: rows.filter((r) => r.status === 'authorized'),
      blocked: rows.filter((r) => r.status === 'blocked'),
    };
  });
}

const PAGE = 20;

/** The directory, searched exactly (RPPS, or last name [first name]): 20 a page, never the whole list. */
export async function search(db: Db, ctx: AccessContext, q: string, page: number) {
  return withJournal(db, ctx, { action: 'access.directory-search', detail: { page } }, async (trx) => {
    const rows = await repo.searchDirectory(trx, ctx, q, page, PAGE);
    return { results: rows.slice(0, PAGE).map(presentProfessional), page, more: rows.length > PAGE };
  });
}

/** Runs a change on one professional of the directory and answers how they now stand. */
async function change(
  db: Db,
  ctx: AccessContext,
  professionalId: string,
  action: string,
  detail: Record<string, unknown>,
  fn: (trx: Trx) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.findPro(trx, ctx, professionalId))) throw new AppError('NOT_FOUND');
    await fn(trx);
    await journal(trx, ctx, { action, resourceType: 'professional', resourceId: professionalId, detail });
    return presentProfessional((await repo.findPro(trx, ctx, professionalId))!);
  });
}

/** « bloquer »: no further access; deposits still allowed (the portal's decision reads the row). */
export async function block(db: Db, ctx: AccessContext, professionalId: string): Promise<ProfessionalView> {
  return change(db, ctx, professionalId, 'access.professional-blocked', {}, (trx) =>
    repo.block(trx, ctx, professionalId),
  );
}

/** « débloquer »: the row goes, so the professional needs a new consent at a visit (R8.7). */
export async function unblock(db: Db, ctx: AccessContext, professionalId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.unblock(trx, ctx, professionalId))) throw new AppError('NOT_FOUND');
    await journal(trx, ctx, {
      action: 'access.professional-unblocked',
      resourceType: 'professional',
      resourceId: professionalId,
    });
  });
}

export async function setAdministrator(db: Db, ctx: AccessContext, professionalId: string, administrator: boolean) {
  const action = administrator ? 'access.administrator-granted' : 'access.administrator-removed';
  return change(db, ctx, professionalId, action, {}, async (trx) => {
    if (!(await repo.setAdministrator(trx, ctx, professionalId, administrator)))
      throw new AppError('PROFESSIONAL_NOT_AUTHORIZED');
  });
}

export async function setRole(db: Db, ctx: AccessContext, professionalId: string, role: Role | null) {
  return change(db, ctx, professionalId, 'access.role-set', { role }, async (trx) => {
    if (!(await repo.setRole(trx, ctx, professionalId, role))) throw new AppError('PROFESSIONAL_NOT_AUTHORIZED');
  });
}

/** The switches; no row = the defaults of migration 0010 (SAMU and break-the-glass on, hidden documents off). */
export async function emergency(db: Db, ctx: AccessContext): Promise<EmergencySettings> {
  return withJournal(db, ctx, { action: 'access.emergency-read' }, async (trx) => {
    const r = await repo.readEmergency(trx, ctx);
    return r
      ? { samu: r.samu, breakGlass: r.break_glass, hiddenReadable: r.hidden_readable }
      : { samu: true, breakGlass: true, hiddenReadable: false };
  });
}

export async function saveEmergency(db: Db, ctx: AccessContext, s: EmergencySettings): Promise<EmergencySettings> {
  return withJournal(db, ctx, { action: 'access.emergency-update', detail: { ...s } }, async (trx) => {
    const r = await repo.saveEmergency(trx, ctx, s);
    return { samu: r.samu, breakGlass: r.break_glass, hiddenReadable: r.hidden_readable };
  });
}

export async function notice(db: Db, ctx: AccessContext) {
  return withJournal(db, ctx, { action: 'access.notifications-read' }, async (trx) => ({
    accesses: await repo.readNotice(trx, ctx),
  }));
}

export async function saveNotice(db: Db, ctx: AccessContext, accesses: 'first' | 'every' | 'never') {
  return withJournal(db, ctx, { action: 'access.notifications-update', detail: { accesses } }, async (trx) => {
    await repo.saveNotice(trx, ctx, accesses);
    return { accesses };
  });
}

/**
 * « Partager la synthèse » (R6.5) with a professional on the authorized list: the sections they will read
 * from the portal (generated when they open it), or none (stop sharing). Blocking withdraws it.
 */
export async function shareSynthesis(
  db: Db,
  ctx: AccessContext,
  professionalId: string,
  sections: SynthesisSection[] | null,
) {
  const action = sections ? 'access.synthesis-shared' : 'access.synthesis-unshared';
  return change(db, ctx, professionalId, action, sections ? { sections } : {}, async (trx) => {
    if (!(await repo.setSynthesisShare(trx, ctx, professionalId, sections)))
      throw new AppError('PROFESSIONAL_NOT_AUTHORIZED');
  });
}
