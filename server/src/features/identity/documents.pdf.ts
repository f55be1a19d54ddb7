import { frenchDate, renderPdf } from '../../platform/pdf.js';

/** The proof of opposition given to the person (R2.4). */
export function oppositionProofPdf(p: {
  firstNames: string;
  birthName: string;
  birthDate: string;
  nir: string;
  opposedAt: Date;
  reference: string;
}): Promise<Buffer> {
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
