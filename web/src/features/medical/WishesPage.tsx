import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { donationStances, type WishesView } from '../../../../shared/src/medical.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, fieldState, useAction } from '../../components/forms';
import { medicalApi, useWishes, useWishesSaved } from './medical.api';
import { shownError } from '../../query';
import { ItemSection } from './ItemSection';
import { BackHome } from './BackHome';
import { FormattedMessage, useIntl } from 'react-intl';
import { defineMessages, type Message } from '../../i18n/messages';
import { formatDay } from './itemFields';

const m = defineMessages({
  pageTitle: { id: 'medical.wishes.pageTitle', defaultMessage: 'Entourage et volontés' },
  lead: {
    id: 'medical.wishes.lead',
    defaultMessage: "Les personnes à prévenir, vos directives anticipées et votre position sur le don d'organes.",
  },
  directivesTitle: { id: 'medical.wishes.directivesTitle', defaultMessage: 'Directives anticipées' },
  adultsOnly: {
    id: 'medical.wishes.adultsOnly',
    defaultMessage: 'Les directives anticipées ne peuvent être rédigées que par une personne majeure.',
  },
  directivesSaved: {
    id: 'medical.wishes.directivesSaved',
    defaultMessage: 'Vos directives anticipées sont enregistrées.',
  },
  directivesMore: {
    id: 'medical.wishes.directivesMore',
    defaultMessage: 'En savoir plus sur les directives anticipées',
  },
  directivesAbout: {
    id: 'medical.wishes.directivesAbout',
    defaultMessage:
      "Toute personne majeure peut rédiger des directives anticipées : elles disent ses volontés sur les soins en fin de vie (poursuivre, limiter, arrêter ou refuser des traitements) pour le cas où elle ne pourrait plus les exprimer. Elles s'imposent au médecin, sauf urgence vitale ou si elles sont manifestement inappropriées. Elles peuvent être modifiées ou annulées à tout moment (code de la santé publique, art. L. 1111-11).",
  },
  directivesOnPaper: {
    id: 'medical.wishes.directivesOnPaper',
    defaultMessage:
      'Vous pouvez aussi les écrire sur papier, les signer et les ajouter comme fichier dans <link>vos documents</link>, catégorie « Directives anticipées ».',
  },
  directivesWritten: {
    id: 'medical.wishes.directivesWritten',
    defaultMessage: 'Rédigées, mises à jour le {date}.',
  },
  noDirectives: {
    id: 'medical.wishes.noDirectives',
    defaultMessage: "Vous n'avez pas encore rédigé de directives anticipées.",
  },
  editDirectives: { id: 'medical.wishes.editDirectives', defaultMessage: 'Je modifie mes directives anticipées' },
  addDirectives: { id: 'medical.wishes.addDirectives', defaultMessage: "J'ajoute des directives anticipées" },
  directivesLabel: { id: 'medical.wishes.directivesLabel', defaultMessage: 'Mes directives anticipées' },
  directivesHint: {
    id: 'medical.wishes.directivesHint',
    defaultMessage: 'Vos volontés sur les traitements et les soins en fin de vie.',
  },
  save: { id: 'medical.wishes.save', defaultMessage: 'Enregistrer' },
  cancel: { id: 'medical.wishes.cancel', defaultMessage: 'Annuler' },
  donationSaved: {
    id: 'medical.wishes.donationSaved',
    defaultMessage: "Votre position sur le don d'organes est enregistrée.",
  },
  donationTitle: { id: 'medical.wishes.donationTitle', defaultMessage: "Don d'organes et de tissus" },
  donationMore: {
    id: 'medical.wishes.donationMore',
    defaultMessage: "En savoir plus sur le don d'organes et de tissus",
  },
  donationAbout: {
    id: 'medical.wishes.donationAbout',
    defaultMessage:
      "En France, chacun est présumé donneur après sa mort, sauf s'il a exprimé son refus. Le moyen principal de refuser est l'inscription au registre national des refus, géré par l'Agence de la biomédecine ; on peut aussi confier sa décision par écrit ou oralement à ses proches. Indiquer ici votre position aide vos proches à la faire connaître (loi du 26 janvier 2016).",
  },
  donationForm: { id: 'medical.wishes.donationForm', defaultMessage: "Ma position sur le don d'organes" },
  stanceLegend: { id: 'medical.wishes.stanceLegend', defaultMessage: 'Ma position' },
  noteLabel: { id: 'medical.wishes.noteLabel', defaultMessage: 'Précisions (facultatif)' },
  saveStance: { id: 'medical.wishes.saveStance', defaultMessage: 'Enregistrer ma position' },
  // The stances (shared donationStances, the PDF's words).
  favorable: {
    id: 'medical.wishes.stance.favorable',
    defaultMessage: 'Je suis favorable au don de mes organes et tissus après ma mort',
  },
  opposed: {
    id: 'medical.wishes.stance.opposed',
    defaultMessage:
      "Je m'oppose au don de mes organes et tissus (inscription au registre national des refus à faire aussi)",
  },
  undecided: { id: 'medical.wishes.stance.undecided', defaultMessage: "Je n'ai pas encore pris position" },
});

const stanceLabels: Record<keyof typeof donationStances, Message> = {
  favorable: m.favorable,
  opposed: m.opposed,
  undecided: m.undecided,
};

/** « Entourage et volontés »: contacts, advance directives (adults only), organ and tissue donation. */
export function WishesPage() {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const { data: w, error } = useWishes(profile.id);
  const setW = useWishesSaved(profile.id);
  return (
    <Page title={intl.formatMessage(m.pageTitle)} lead={intl.formatMessage(m.lead)}>
      <BackHome />
      <FormError error={shownError(error)} />
      {/* i18n-exempt: a list's kind, not text */}
      <ItemSection kind="contacts" />
      {w && w.directivesAllowed && <Directives wishes={w} onSaved={setW} />}
      {w && !w.directivesAllowed && (
        <section aria-labelledby="directives" className={fr.cx('fr-mb-6w')}>
          <h2 id="directives" className={fr.cx('fr-h4')}>
            {intl.formatMessage(m.directivesTitle)}
          </h2>
          <p>{intl.formatMessage(m.adultsOnly)}</p>
        </section>
      )}
      {w && <Donation wishes={w} onSaved={setW} />}
    </Page>
  );
}

function Directives({ wishes, onSaved }: { wishes: WishesView; onSaved(w: WishesView): void }) {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const [text, setText] = useState(wishes.directives ?? '');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run, field } = useAction();
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run(() => medicalApi.saveWishes(profile.id, { directives: text }));
    if (r) {
      onSaved(r);
      setEditing(false);
      setNotice(intl.formatMessage(m.directivesSaved));
    }
  };
  return (
    <section aria-labelledby="directives" className={fr.cx('fr-mb-6w')}>
      <h2 id="directives" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.directivesTitle)}
      </h2>
      <Accordion label={intl.formatMessage(m.directivesMore)}>
        <p>{intl.formatMessage(m.directivesAbout)}</p>
        <p>
          <FormattedMessage
            {...m.directivesOnPaper}
            values={{ link: (chunks) => <Link to="/documents">{chunks}</Link> }}
          />
        </p>
      </Accordion>
      {notice && <Notice>{notice}</Notice>}
      {!editing && (
        <>
          <p className={fr.cx('fr-mt-2w')}>
            {wishes.directives
              ? intl.formatMessage(m.directivesWritten, { date: formatDay(intl, wishes.directivesUpdatedAt) })
              : intl.formatMessage(m.noDirectives)}
          </p>
          {wishes.directives && <blockquote className="carnet-medical-form">{wishes.directives}</blockquote>}
          <Button
            iconId="fr-icon-edit-line"
            priority="secondary"
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            {intl.formatMessage(wishes.directives ? m.editDirectives : m.addDirectives)}
          </Button>
        </>
      )}
      {editing && (
        <form onSubmit={save} className="carnet-medical-form" aria-label={intl.formatMessage(m.directivesTitle)}>
          <FormError error={error} />
          <Input
            label={intl.formatMessage(m.directivesLabel)}
            hintText={intl.formatMessage(m.directivesHint)}
            textArea
            {...fieldState(field('body.directives'))}
            nativeTextAreaProps={{ value: text, onChange: (e) => setText(e.target.value), rows: 6, autoFocus: true }}
          />
          <div className="carnet-inline-buttons">
            <Button type="submit" disabled={busy}>
              {intl.formatMessage(m.save)}
            </Button>
            <Button type="button" priority="secondary" onClick={() => setEditing(false)}>
              {intl.formatMessage(m.cancel)}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function Donation({ wishes, onSaved }: { wishes: WishesView; onSaved(w: WishesView): void }) {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const [stance, setStance] = useState(wishes.donationStance ?? '');
  const [note, setNote] = useState(wishes.donationNote ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      medicalApi.saveWishes(profile.id, {
        donationStance: (stance || null) as WishesView['donationStance'],
        donationNote: note,
      }),
    );
    if (r) {
      onSaved(r);
      setNotice(intl.formatMessage(m.donationSaved));
    }
  };
  return (
    <section aria-labelledby="don" className={fr.cx('fr-mb-6w')}>
      <h2 id="don" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.donationTitle)}
      </h2>
      <Accordion label={intl.formatMessage(m.donationMore)}>
        <p>{intl.formatMessage(m.donationAbout)}</p>
      </Accordion>
      {notice && <Notice>{notice}</Notice>}
      <form onSubmit={save} aria-label={intl.formatMessage(m.donationForm)} className="carnet-medical-form">
        <FormError error={error} />
        <RadioButtons
          legend={intl.formatMessage(m.stanceLegend)}
          name="donation"
          options={Object.entries(stanceLabels).map(([k, label]) => ({
            label: intl.formatMessage(label),
            nativeInputProps: { value: k, checked: stance === k, onChange: () => setStance(k) },
          }))}
        />
        <Input
          label={intl.formatMessage(m.noteLabel)}
          textArea
          nativeTextAreaProps={{ value: note, onChange: (e) => setNote(e.target.value), rows: 2 }}
        />
        <Button type="submit" disabled={busy}>
          {intl.formatMessage(m.saveStance)}
        </Button>
      </form>
    </section>
  );
}
