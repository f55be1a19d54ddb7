import { frenchDate, localDate, renderPdf } from '../../platform/pdf.js';
import type { Locale } from '../../../../shared/src/locale.js';

interface Opposition {
  firstNames: string;
  birthName: string;
  birthDate: string;
  nir: string;
  opposedAt: Date;
  reference: string;
}

/** The proof of opposition given to the person (R2.4), in the language of the page they asked it from. */
export function oppositionProofPdf(p: Opposition, locale: Locale = 'fr'): Promise<Buffer> {
  if (locale === 'en') return oppositionProofPdfEn(p);
  return renderPdf("Attestation d'opposition", (doc) => {
    doc.fontSize(20).text("Attestation d'opposition à la création de Mon espace santé").moveDown();
    doc.fontSize(12);
    doc.text(`Référence : ${p.reference}`).moveDown();
    doc.text(`Nom de naissance : ${p.birthName}`);
    doc.text(`Prénoms : ${p.firstNames}`);
    doc.text(`Date de naissance : ${frenchDate(p.birthDate)}`);
    doc.text(`Numéro de sécurité sociale : ${p.nir.slice(0, 5)} •••• •••• ${p.nir.slice(-2)}`).moveDown();
    doc
      .text(
        `L'opposition à la création de l'espace santé de la personne désignée ci-dessus a été enregistrée le ${frenchDate(p.opposedAt)} à ${p.opposedAt.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })}.`,
      )
      .moveDown();
    doc.text(
      "L'espace n'a pas été supprimé : il est gelé. Aucun professionnel de santé ne peut le consulter ni l'alimenter. La personne peut changer d'avis à tout moment et activer son espace avec un nouveau code provisoire.",
    );
  });
}

export interface Letter {
  firstNames: string;
  birthName: string;
  forName: string;
  address: { line: string; postalCode: string; city: string } | null;
  code: string;
  sentAt: Date;
}

/** One PDF per enrolment batch, one page per person: the letter carrying the provisional code (R1.2). */
export function lettersPdf(batch: string, letters: Letter[]): Promise<Buffer> {
  return renderPdf(`Courriers ${batch}`, (doc) => {
    letters.forEach((l, i) => {
      if (i > 0) doc.addPage();
      doc.fontSize(11).text(`${l.firstNames} ${l.birthName}`, 320, 140);
      if (l.address) doc.text(l.address.line).text(`${l.address.postalCode} ${l.address.city}`);
      doc.moveDown(4).fontSize(16).text('Votre code provisoire Mon espace santé', 56);
      doc
        .moveDown()
        .fontSize(11)
        .text(`Le ${frenchDate(l.sentAt)}`)
        .moveDown();
      doc.text(`Voici le code provisoire de l'espace santé de ${l.forName} :`).moveDown();
      doc.fontSize(22).text(l.code, { characterSpacing: 2 }).moveDown();
      doc
        .fontSize(11)
        .text(
          "Pour activer l'espace, ou vous opposer à sa création, rendez-vous sur la page d'accueil et choisissez « Activer Mon espace santé ». Munissez-vous de ce code, du numéro de sécurité sociale, de la date de naissance et de la carte Vitale.",
        )
        .moveDown();
      doc.text(
        "Sans opposition dans les 6 semaines suivant ce courrier, l'espace sera créé ; vous pourrez l'activer plus tard ou demander sa clôture. Ce code est valable 90 jours. Ne le communiquez à personne.",
      );
    });
    if (!letters.length) doc.text('Aucun courrier dans ce lot.');
  });
}

function oppositionProofPdfEn(p: Opposition): Promise<Buffer> {
  const time = p.opposedAt.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  });
  return renderPdf(
    'Certificate of opposition',
    (doc) => {
      doc.fontSize(20).text('Certificate of opposition to the creation of Mon espace santé').moveDown();
      doc.fontSize(12);
      doc.text(`Reference: ${p.reference}`).moveDown();
      doc.text(`Birth name: ${p.birthName}`);
      doc.text(`First names: ${p.firstNames}`);
      doc.text(`Date of birth: ${localDate(p.birthDate, 'en')}`);
      doc.text(`Social security number: ${p.nir.slice(0, 5)} •••• •••• ${p.nir.slice(-2)}`).moveDown();
      doc
        .text(
          `The opposition to the creation of the health space of the person named above was recorded on ${localDate(p.opposedAt, 'en')} at ${time} (Paris time).`,
        )
        .moveDown();
      doc.text(
        'The space has not been deleted: it is frozen. No health professional can read it or add to it. The person can change their mind at any time and activate their space with a new temporary code.',
      );
    },
    'en',
  );
}
