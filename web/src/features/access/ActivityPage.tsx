import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { activityKinds, type ActivityKind } from '../../../../shared/src/professionals/journal-actions.js';
import { accessApi, dayFormat, useAccessChanged, useActivity, type ActivityFilter, type Line } from './access.api';
import { shownError } from '../../query';
import { Tabs } from './Tabs';
import { NotForCaregivers, SettingsBack } from './SettingsBack';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  title: { id: 'access.activity.title', defaultMessage: 'Historique d’activité' },
  lead: { id: 'access.activity.lead', defaultMessage: 'Qui a consulté ou modifié vos données, et quand.' },
  downloadLink: { id: 'access.activity.download', defaultMessage: 'Télécharger mon historique signé' },
  downloadHint: {
    id: 'access.activity.downloadHint',
    defaultMessage: 'Un fichier signé par Mon espace santé, qui prouve que l’historique n’a pas été modifié.',
  },
  tabProfessionals: { id: 'access.activity.tabProfessionals', defaultMessage: 'Professionnels' },
  tabMine: { id: 'access.activity.tabMine', defaultMessage: 'Mes activités' },
  none: { id: 'access.activity.none', defaultMessage: 'Aucune activité pour cette période.' },
  professionalsList: { id: 'access.activity.professionalsList', defaultMessage: 'Actions des professionnels' },
  more: { id: 'access.activity.more', defaultMessage: 'Afficher plus d’activités' },
  filters: { id: 'access.activity.filters', defaultMessage: 'Filtrer l’historique' },
  kind: { id: 'access.activity.kind', defaultMessage: 'Type d’action' },
  allKinds: { id: 'access.activity.allKinds', defaultMessage: 'Toutes les actions' },
  from: { id: 'access.activity.from', defaultMessage: 'Du' },
  toDate: { id: 'access.activity.to', defaultMessage: 'Au' },
  filter: { id: 'access.activity.filter', defaultMessage: 'Filtrer' },
  aboutTarget: { id: 'access.activity.target', defaultMessage: '{label}\u00a0: {name}, {profession}' },
  refusal: { id: 'access.activity.refusal', defaultMessage: 'Motif du refus : {reason}' },
  reportSent: { id: 'access.activity.reportSent', defaultMessage: 'Votre signalement a été envoyé.' },
  reportedOn: { id: 'access.activity.reportedOn', defaultMessage: 'J’ai signalé ce professionnel le {date}.' },
  reportLabel: { id: 'access.activity.reportLabel', defaultMessage: 'Décrivez l’accès que vous signalez' },
  reportHint: {
    id: 'access.activity.reportHint',
    defaultMessage:
      'Par exemple : je ne connais pas ce professionnel, ou il a accédé à mes données sans mon consentement.',
  },
  reportSend: { id: 'access.activity.reportSend', defaultMessage: 'Envoyer le signalement' },
  cancel: { id: 'access.activity.cancel', defaultMessage: 'Annuler' },
  report: { id: 'access.activity.report', defaultMessage: 'Signaler un accès' },
});

type Group = 'professionals' | 'mine';
const modeLabel = defineMessages({
  bris_de_glace: { id: 'access.activity.mode.breakGlass', defaultMessage: 'Accès en urgence (bris de glace)' },
  centre_15: { id: 'access.activity.mode.samu', defaultMessage: 'Accès en urgence (SAMU, centre 15)' },
  normal: { id: 'access.activity.mode.normal', defaultMessage: 'Accès en urgence' },
}) satisfies Record<Line['mode'], Message>;

/** The filter's kinds, as `activityKinds` (shared/src/professionals/journal-actions.ts) writes them in French. */
const kindNames = defineMessages({
  read: { id: 'access.activity.kinds.read', defaultMessage: 'Consultations' },
  write: { id: 'access.activity.kinds.write', defaultMessage: 'Ajouts et modifications' },
  access: { id: 'access.activity.kinds.access', defaultMessage: 'Accès et autorisations' },
  account: { id: 'access.activity.kinds.account', defaultMessage: 'Compte et connexion' },
}) satisfies Record<ActivityKind, Message>;

const whenFormat = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;

/**
 * « Historique d'activité » (R8.6): professionals' actions and « mes activités » apart, filters by kind and
 * period, 100 lines at a time newest first, « Signaler un accès » on a professional's line, and the
 * signed extract to download.
 */
export function ActivityPage() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  return profile.relation === 'caregiver' ? (
    <NotForCaregivers title={intl.formatMessage(m.title)} />
  ) : (
    // Keyed by the profile: a notice or a choice in progress is not carried over to another profile.
    <ActivityPageContent key={profile.id} />
  );
}

function ActivityPageContent() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  const [group, setGroup] = useState<Group>('professionals');
  const [filter, setFilter] = useState<{ kind: string; from: string; to: string }>({ kind: '', from: '', to: '' });
  const query: ActivityFilter = {
    group,
    ...(filter.kind ? { kind: filter.kind as ActivityFilter['kind'] } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
  const load = useActivity(profile.id, query);
  const lines = load.data?.pages.flatMap((p) => p.lines) ?? null;
  const next = load.hasNextPage;
  const more = () => load.fetchNextPage();
  const changed = useAccessChanged(profile.id);
  const reported = (professionalId: string, at: string) => void changed.reported(professionalId, at);

  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <SettingsBack />
      <p>
        <a
          className={fr.cx('fr-link', 'fr-icon-download-line', 'fr-link--icon-left')}
          href={accessApi.extractUrl(profile.id)}
          download
        >
          {intl.formatMessage(m.downloadLink)}
        </a>
        <span className={fr.cx('fr-hint-text')}>{intl.formatMessage(m.downloadHint)}</span>
      </p>
      <Filters value={filter} onChange={setFilter} />
      <Tabs
        id="activity"
        label={intl.formatMessage(m.title)}
        selected={group}
        onSelect={setGroup}
        tabs={[
          { key: 'professionals', label: intl.formatMessage(m.tabProfessionals) },
          { key: 'mine', label: intl.formatMessage(m.tabMine) },
        ]}
      >
        <FormError error={shownError(load.error)} />
        {lines && lines.length === 0 && <p>{intl.formatMessage(m.none)}</p>}
        {lines && lines.length > 0 && (
          <ol
            className={fr.cx('fr-raw-list')}
            aria-label={intl.formatMessage(group === 'professionals' ? m.professionalsList : m.tabMine)}
          >
            {lines.map((l) => (
              <ActivityItem key={l.seq} line={l} profileId={profile.id} onReported={reported} />
            ))}
          </ol>
        )}
        {next && (
          <Button priority="secondary" disabled={load.isFetching} onClick={() => void more()}>
            {intl.formatMessage(m.more)}
          </Button>
        )}
      </Tabs>
    </Page>
  );
}

function Filters({
  value,
  onChange,
}: {
  value: { kind: string; from: string; to: string };
  onChange: (v: { kind: string; from: string; to: string }) => void;
}) {
  const intl = useIntl();
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  return (
    <form onSubmit={submit} className={fr.cx('fr-mb-4w')} aria-label={intl.formatMessage(m.filters)}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label={intl.formatMessage(m.kind)}
            nativeSelectProps={{ value: draft.kind, onChange: (e) => setDraft({ ...draft, kind: e.target.value }) }}
          >
            <option value="">{intl.formatMessage(m.allKinds)}</option>
            {(Object.keys(activityKinds) as ActivityKind[]).map((k) => (
              <option key={k} value={k}>
                {intl.formatMessage(kindNames[k])}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            label={intl.formatMessage(m.from)}
            nativeInputProps={{
              type: 'date',
              value: draft.from,
              onChange: (e) => setDraft({ ...draft, from: e.target.value }),
            }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            label={intl.formatMessage(m.toDate)}
            nativeInputProps={{
              type: 'date',
              value: draft.to,
              onChange: (e) => setDraft({ ...draft, to: e.target.value }),
            }}
          />
        </div>
      </div>
      <Button type="submit" priority="secondary">
        {intl.formatMessage(m.filter)}
      </Button>
    </form>
  );
}

/** « Médecin » → « médecin » inside a sentence (« Manipulateur ERM » keeps its capitals). */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * One line: who, what (and which professional it is about), when, an emergency mark; « Signaler un accès »
 * on a professional's line.
 */
function ActivityItem({
  line,
  profileId,
  onReported,
}: {
  line: Line;
  profileId: string;
  onReported: (professionalId: string, at: string) => void;
}) {
  const intl = useIntl();
  const [reporting, setReporting] = useState(false);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const a = useAction();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (reporting) fieldRef.current?.focus();
  }, [reporting]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await a.run(() => accessApi.report(profileId, line.seq, text));
    if (r) {
      setReporting(false);
      setSent(true);
      onReported(line.professionalId!, r.reportedAt);
    }
  };
  const byProfessional = line.actorKind === 'professional';
  return (
    <li className={fr.cx('fr-card', 'fr-p-2w', 'fr-mb-1w')}>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{intl.formatDate(line.at, whenFormat)}</p>
      <p className={fr.cx('fr-text--bold', 'fr-mb-1v')}>
        {line.target
          ? intl.formatMessage(m.aboutTarget, {
              label: line.label,
              name: line.target.name,
              profession: lowerFirst(line.target.profession),
            })
          : line.label}
      </p>
      <p className={fr.cx('fr-mb-1w')}>
        {line.who}
        {line.profession ? ` — ${line.profession}` : ''}
      </p>
      {line.refusal && <p className={fr.cx('fr-mb-1w')}>{intl.formatMessage(m.refusal, { reason: line.refusal })}</p>}
      {line.emergency && (
        <Badge severity="warning" small className={fr.cx('fr-mb-1w')}>
          {intl.formatMessage(modeLabel[line.mode])}
        </Badge>
      )}
      {sent && <Notice>{intl.formatMessage(m.reportSent)}</Notice>}
      {byProfessional &&
        (line.reportedAt ? (
          <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
            {intl.formatMessage(m.reportedOn, { date: intl.formatDate(line.reportedAt, dayFormat) })}
          </p>
        ) : reporting ? (
          <form onSubmit={(e) => void submit(e)}>
            <FormError error={a.field('body.description') ? null : a.error} />
            <Input
              textArea
              label={intl.formatMessage(m.reportLabel)}
              hintText={intl.formatMessage(m.reportHint)}
              state={a.field('body.description') ? 'error' : 'default'}
              stateRelatedMessage={a.field('body.description')}
              nativeTextAreaProps={{
                ref: fieldRef,
                value: text,
                onChange: (e) => setText(e.target.value),
                maxLength: 2000,
                rows: 3,
              }}
            />
            <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
              <Button size="small" type="submit" disabled={a.busy}>
                {intl.formatMessage(m.reportSend)}
              </Button>
              <Button size="small" priority="secondary" type="button" onClick={() => setReporting(false)}>
                {intl.formatMessage(m.cancel)}
              </Button>
            </div>
          </form>
        ) : (
          <Button size="small" priority="tertiary" onClick={() => setReporting(true)}>
            {intl.formatMessage(m.report)}
          </Button>
        ))}
    </li>
  );
}
