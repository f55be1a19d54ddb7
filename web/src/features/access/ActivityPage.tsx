import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { activityKinds } from '../../../../shared/src/professionals/journal-actions.js';
import { accessApi, day, useAccessChanged, useActivity, type ActivityFilter, type Line } from './access.api';
import { shownError } from '../../query';
import { Tabs } from './Tabs';
import { NotForCaregivers, SettingsBack } from './SettingsBack';

type Group = 'professionals' | 'mine';
const modeLabel = {
  bris_de_glace: 'Accès en urgence (bris de glace)',
  centre_15: 'Accès en urgence (SAMU, centre 15)',
  normal: 'Accès en urgence',
} as const;

const when = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * « Historique d'activité » (R8.6): professionals' actions and « mes activités » apart, filters by kind and
 * period, 100 lines at a time newest first, « Signaler un accès » on a professional's line, and the
 * signed extract to download.
 */
export function ActivityPage() {
  const { profile } = useActiveProfile();
  return profile.relation === 'caregiver' ? (
    <NotForCaregivers title="Historique d’activité" />
  ) : (
    // Keyed by the profile: a notice or a choice in progress is not carried over to another profile.
    <ActivityPageContent key={profile.id} />
  );
}

function ActivityPageContent() {
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
    <Page title="Historique d’activité" lead="Qui a consulté ou modifié vos données, et quand.">
      <SettingsBack />
      <p>
        <a
          className={fr.cx('fr-link', 'fr-icon-download-line', 'fr-link--icon-left')}
          href={accessApi.extractUrl(profile.id)}
          download
        >
          Télécharger mon historique signé
        </a>
        <span className={fr.cx('fr-hint-text')}>
          Un fichier signé par Mon espace santé, qui prouve que l’historique n’a pas été modifié.
        </span>
      </p>
      <Filters value={filter} onChange={setFilter} />
      <Tabs
        id="activity"
        label="Historique d’activité"
        selected={group}
        onSelect={setGroup}
        tabs={[
          { key: 'professionals', label: 'Professionnels' },
          { key: 'mine', label: 'Mes activités' },
        ]}
      >
        <FormError error={shownError(load.error)} />
        {lines && lines.length === 0 && <p>Aucune activité pour cette période.</p>}
        {lines && lines.length > 0 && (
          <ol
            className={fr.cx('fr-raw-list')}
            aria-label={group === 'professionals' ? 'Actions des professionnels' : 'Mes activités'}
          >
            {lines.map((l) => (
              <ActivityItem key={l.seq} line={l} profileId={profile.id} onReported={reported} />
            ))}
          </ol>
        )}
        {next && (
          <Button priority="secondary" disabled={load.isFetching} onClick={() => void more()}>
            Afficher plus d’activités
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
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  return (
    <form onSubmit={submit} className={fr.cx('fr-mb-4w')} aria-label="Filtrer l’historique">
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label="Type d’action"
            nativeSelectProps={{ value: draft.kind, onChange: (e) => setDraft({ ...draft, kind: e.target.value }) }}
          >
            <option value="">Toutes les actions</option>
            {Object.entries(activityKinds).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            label="Du"
            nativeInputProps={{
              type: 'date',
              value: draft.from,
              onChange: (e) => setDraft({ ...draft, from: e.target.value }),
            }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            label="Au"
            nativeInputProps={{
              type: 'date',
              value: draft.to,
              onChange: (e) => setDraft({ ...draft, to: e.target.value }),
            }}
          />
        </div>
      </div>
      <Button type="submit" priority="secondary">
        Filtrer
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
  return (
    <li className={fr.cx('fr-card', 'fr-p-2w', 'fr-mb-1w')}>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{when(line.at)}</p>
      <p className={fr.cx('fr-text--bold', 'fr-mb-1v')}>
        {line.label}
        {line.target && `\u00a0: ${line.target.name}, ${lowerFirst(line.target.profession)}`}
      </p>
      <p className={fr.cx('fr-mb-1w')}>
        {line.who}
        {line.profession ? ` — ${line.profession}` : ''}
      </p>
      {line.refusal && <p className={fr.cx('fr-mb-1w')}>Motif du refus : {line.refusal}</p>}
      {line.emergency && (
        <Badge severity="warning" small className={fr.cx('fr-mb-1w')}>
          {modeLabel[line.mode]}
        </Badge>
      )}
      {sent && <Notice>Votre signalement a été envoyé.</Notice>}
      {line.actorKind === 'professional' &&
        (line.reportedAt ? (
          <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>J’ai signalé ce professionnel le {day(line.reportedAt)}.</p>
        ) : reporting ? (
          <form onSubmit={(e) => void submit(e)}>
            <FormError error={a.field('body.description') ? null : a.error} />
            <Input
              textArea
              label="Décrivez l’accès que vous signalez"
              hintText="Par exemple : je ne connais pas ce professionnel, ou il a accédé à mes données sans mon consentement."
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
                Envoyer le signalement
              </Button>
              <Button size="small" priority="secondary" type="button" onClick={() => setReporting(false)}>
                Annuler
              </Button>
            </div>
          </form>
        ) : (
          <Button size="small" priority="tertiary" onClick={() => setReporting(true)}>
            Signaler un accès
          </Button>
        ))}
    </li>
  );
}
