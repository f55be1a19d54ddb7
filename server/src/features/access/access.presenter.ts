import type { z } from 'zod';
import type { AccessContext } from '../../platform/access.js';
import type { AccessReportView, ActivityLine, ProfessionalView } from '../../../../shared/src/professionals/access.js';
import { professionLabel } from '../../../../shared/src/professionals/professions.js';
import { actionLabel, refusalReason } from '../../../../shared/src/professionals/journal-actions.js';
import type { AccessRow } from './access.repo.js';
import { synthesisSections, type SynthesisSection } from '../../../../shared/src/medical.js';
import type { ActivityRow, operatorReports } from './activity.repo.js';

/** Row → API shapes, field by field: no internal column goes out as it is. */

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentProfessional(r: AccessRow): ProfessionalView {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    rpps: r.rpps,
    profession: professionLabel(r.profession_code),
    specialty: r.specialty,
    structureName: r.structure_name,
    status: r.status ?? null,
    since: iso(r.since ?? null),
    administrator: r.administrator ?? false,
    role: r.role ?? null,
    synthesis:
      r.status === 'authorized' && r.synthesis_sections?.length && r.synthesis_shared_at
        ? { sections: r.synthesis_sections.filter(isSection), sharedAt: iso(r.synthesis_shared_at)! }
        : null,
  };
}

const isSection = (s: string): s is SynthesisSection => s in synthesisSections;

const MODES = new Set(['bris_de_glace', 'centre_15']);

/**
 * A journal line as the patient reads it: who (« vous », the representative or caregiver by name, the
 * professional with their profession), what (the catalog's label), when, and whether it was an emergency.
 */
export function presentActivity(r: ActivityRow, ctx: AccessContext): ActivityLine {
  const me = 'accountId' in ctx.actor ? ctx.actor.accountId : null;
  const mode: ActivityLine['mode'] = r.mode && MODES.has(r.mode) ? (r.mode as 'bris_de_glace' | 'centre_15') : 'normal';
  const base = {
    seq: Number(r.seq),
    at: r.at.toISOString(),
    action: r.action,
    label: actionLabel(r.action),
    refusal: refusalReason(r.action, r),
    emergency: r.reason === 'emergency' || mode !== 'normal',
    mode,
    target:
      r.target_last_name !== null
        ? {
            name: `${r.target_first_name} ${r.target_last_name}`,
            profession: professionLabel(r.target_profession_code!),
          }
        : null,
  };
  if (r.actor_kind === 'professional') {
    return {
      ...base,
      who: r.pro_id ? `${r.pro_first_name} ${r.pro_last_name}` : 'Professionnel de santé',
      actorKind: 'professional',
      profession: r.profession_code ? professionLabel(r.profession_code) : null,
      professionalId: r.pro_id,
      reportedAt: iso(r.reported_at),
    };
  }
  const person = { ...base, profession: null, professionalId: null, reportedAt: null };
  if (r.actor_id !== null && r.actor_id === me) return { ...person, who: 'Vous', actorKind: 'self' };
  if ((r.actor_kind === 'representative' || r.actor_kind === 'caregiver') && r.person_first_name) {
    const role = r.actor_kind === 'representative' ? 'représentant légal' : 'aidant';
    return { ...person, who: `${r.person_first_name} ${r.person_last_name} (${role})`, actorKind: r.actor_kind };
  }
  if (r.actor_kind === 'operator') return { ...person, who: 'Assurance Maladie', actorKind: 'operator' };
  if (r.actor_kind === 'system') return { ...person, who: 'Mon espace santé', actorKind: 'system' };
  // Someone else (a refused attempt by another account, a visitor): never named to the patient.
  return { ...person, who: 'Une autre personne', actorKind: 'other' };
}

type ReportRow = Awaited<ReturnType<typeof operatorReports>>[number];

export function presentReport(r: ReportRow): z.infer<typeof AccessReportView> {
  return {
    id: r.id,
    profileId: r.profile_id,
    journalSeq: Number(r.journal_seq),
    professional: r.rpps
      ? { rpps: r.rpps, name: `${r.first_name} ${r.last_name}`, profession: professionLabel(r.profession_code!) }
      : null,
    description: r.description,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    action: r.action,
    at: iso(r.at),
  };
}
