import type { Db } from '../../platform/db.js';
import type { AccessContext } from '../../platform/access.js';
import { requireProfileAccess } from '../../platform/access.js';
import { withJournal } from '../../platform/journal.js';
import { frenchDate, localDate, renderPdf, type Pdf } from '../../platform/pdf.js';
import type { Locale } from '../../../../shared/src/locale.js';
import {
  donationStances,
  itemKinds,
  synthesisSections,
  type ItemKind,
  type SynthesisSection,
} from '../../../../shared/src/medical.js';
import { measureKinds } from '../../../../shared/src/measures.js';
import { careLine, frenchDay, itemLine, measureLine } from '../../../../shared/src/medical-format.js';
import * as repo from './medical.repo.js';
import { computedBmi, presentCare, presentItem, presentMeasure, presentWishes } from './medical.presenter.js';

type Data = Record<string, unknown>;
const d = frenchDay;

/**
 * « La synthèse » (R6.5): a PDF of the sections the patient picked, with the person's identity and the
 * generation date. Journaled as one read of the whole synthesis. Reused for message attachments later.
 */
export async function synthesisPdf(
  db: Db,
  ctx: AccessContext,
  sections: SynthesisSection[],
  now = new Date(),
  locale: Locale = 'fr',
): Promise<Buffer> {
  const en = locale === 'en';
  const chosen = (Object.keys(synthesisSections) as SynthesisSection[]).filter((s) => sections.includes(s));
  const content = await withJournal(
    db,
    ctx,
    { action: 'medical.synthesis', resourceType: 'medical', detail: { sections: chosen } },
    async (trx) => {
      const person = await trx
        .selectFrom('profile')
        .select(['birth_name', 'used_first_name', 'first_names', 'birth_date', 'sex'])
        .where('id', '=', requireProfileAccess(ctx))
        .executeTakeFirstOrThrow();
      const out: { title: string; lines: string[] }[] = [];
      const conditions = new Map(
        (await repo.listItems(trx, ctx, 'conditions')).map((r) => [r.id, String((r.data as Data).name)]),
      );
      for (const s of chosen) {
        let l: string[] = [];
        if (s in itemKinds)
          l = (await repo.listItems(trx, ctx, s as ItemKind)).map((r) =>
            itemLine(s as ItemKind, presentItem(r).data, conditions),
          );
        else if (s === 'measures') {
          const latest = (await repo.latestMeasures(trx, ctx)).map(presentMeasure);
          const b = computedBmi(latest);
          l = [...latest, ...(b ? [b] : [])]
            .sort((a, z) => Object.keys(measureKinds).indexOf(a.kind) - Object.keys(measureKinds).indexOf(z.kind))
            .map(measureLine);
        } else if (s === 'wishes') {
          const w = presentWishes(await repo.findWishes(trx, ctx), person.birth_date);
          const updated = w.directivesUpdatedAt?.slice(0, 10);
          l = en
            ? [
                `Advance directives: ${w.directives ? `written (updated on ${updated ? localDate(updated, 'en') : ''})` : 'none'}`,
                ...(w.directives ? [w.directives] : []),
                `Organ and tissue donation: ${w.donationStance ? donationStancesEn[w.donationStance] : 'stance not given'}`,
                ...(w.donationNote ? [w.donationNote] : []),
              ]
            : [
                `Directives anticipées : ${w.directives ? `rédigées (mises à jour le ${d(updated)})` : 'aucune'}`,
                ...(w.directives ? [w.directives] : []),
                `Don d'organes et de tissus : ${w.donationStance ? donationStances[w.donationStance] : 'position non renseignée'}`,
                ...(w.donationNote ? [w.donationNote] : []),
              ];
        } else if (s === 'care') {
          l = (await repo.listCare(trx, ctx)).map(presentCare).map(careLine);
        }
        out.push({ title: en ? synthesisSectionsEn[s] : synthesisSections[s], lines: l });
      }
      return { person, sections: out };
    },
  );
  const { person } = content;
  const title = en ? 'Summary of the medical profile' : 'Synthèse du profil médical';
  const born = en
    ? `Born on ${localDate(person.birth_date, 'en')} · First names: ${person.first_names}`
    : `${person.sex === 'F' ? 'Née' : 'Né'} le ${frenchDate(person.birth_date)} · Prénoms : ${person.first_names}`;
  const generated = en
    ? `Document generated on ${localDate(now, 'en')} from the information entered in the health space.`
    : `Document généré le ${frenchDate(now)} à partir des informations saisies dans l'espace santé.`;
  return renderPdf(
    title,
    (doc: Pdf) => {
      doc.fontSize(20).font('Helvetica-Bold').text(title);
      doc.moveDown(0.5).fontSize(11).font('Helvetica');
      doc.text(`${person.used_first_name} ${person.birth_name}`, { continued: false });
      doc.text(born);
      doc.fillColor('#555').text(generated).fillColor('black');
      for (const section of content.sections) {
        doc.moveDown(1).fontSize(14).font('Helvetica-Bold').fillColor('#000091').text(section.title).fillColor('black');
        doc
          .moveTo(doc.x, doc.y + 2)
          .lineTo(doc.page.width - doc.page.margins.right, doc.y + 2)
          .strokeColor('#000091')
          .stroke();
        doc.moveDown(0.4).fontSize(11).font('Helvetica');
        if (!section.lines.length)
          doc
            .fillColor('#555')
            .text(en ? 'No information entered.' : 'Aucune information renseignée.')
            .fillColor('black');
        for (const line of section.lines) doc.text(`•  ${line}`, { paragraphGap: 3 });
      }
    },
    locale,
  );
}

// The lines of the items themselves (« Allergie : … ») are written by shared/src/medical-format.ts, in French.
const synthesisSectionsEn: Record<SynthesisSection, string> = {
  conditions: 'Illnesses and health topics',
  treatments: 'Treatments',
  allergies: 'Allergies',
  vaccinations: 'Vaccinations',
  measures: 'Health measurements',
  contacts: 'People around me',
  wishes: 'Wishes',
  care: 'Care history',
};

const donationStancesEn: Record<keyof typeof donationStances, string> = {
  favorable: 'I am in favour of donating my organs and tissues after my death',
  opposed: 'I oppose the donation of my organs and tissues (registration in the national refusal register also needed)',
  undecided: 'I have not taken a position yet',
};
