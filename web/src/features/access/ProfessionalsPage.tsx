import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { roles, type Role } from '../../../../shared/src/professionals/access.js';
import {
  accessApi,
  dayFormat,
  useAccessChanged,
  useAccessNotice,
  useProfessionals,
  type Notice as NoticeValue,
  type Pro,
} from './access.api';
import { shownError } from '../../query';
import { Tabs } from './Tabs';
import { NotForCaregivers, SettingsBack } from './SettingsBack';
import { ShareSynthesis } from './ShareSynthesis';
import type { SynthesisSection } from '../../../../shared/src/medical.js';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  title: { id: 'access.professionals.title', defaultMessage: 'Professionnels de santé' },
  leadChild: {
    id: 'access.professionals.leadChild',
    defaultMessage:
      'Les professionnels de santé autorisés à consulter les données du profil de {name}, et ceux que vous avez bloqués.',
  },
  leadOwn: {
    id: 'access.professionals.leadOwn',
    defaultMessage:
      'Les professionnels de santé autorisés à consulter les données de votre dossier, et ceux que vous avez bloqués.',
  },
  lists: { id: 'access.professionals.lists', defaultMessage: 'Listes des professionnels de santé' },
  tabAuthorized: { id: 'access.professionals.tabAuthorized', defaultMessage: 'Autorisés ({count})' },
  tabBlocked: { id: 'access.professionals.tabBlocked', defaultMessage: 'Bloqués ({count})' },
  authorizedTitle: {
    id: 'access.professionals.authorizedTitle',
    defaultMessage: 'Professionnels de santé autorisés à consulter mes données',
  },
  authorizedNone: {
    id: 'access.professionals.authorizedNone',
    defaultMessage: 'Aucun professionnel de santé n’est présent dans ma liste de professionnels autorisés.',
  },
  blockedDone: {
    id: 'access.professionals.blockedDone',
    defaultMessage: '{name} est bloqué : il ne peut plus accéder à vos données.',
  },
  adminOn: { id: 'access.professionals.adminOn', defaultMessage: '{name} a le statut administrateur.' },
  adminOff: { id: 'access.professionals.adminOff', defaultMessage: '{name} n’a plus le statut administrateur.' },
  roleSaved: { id: 'access.professionals.roleSaved', defaultMessage: 'Le rôle est enregistré.' },
  synthesisShared: {
    id: 'access.professionals.synthesisShared',
    defaultMessage: 'La synthèse est partagée avec {name}.',
  },
  synthesisStopped: {
    id: 'access.professionals.synthesisStopped',
    defaultMessage: 'La synthèse n’est plus partagée avec {name}.',
  },
  blockedTitle: {
    id: 'access.professionals.blockedTitle',
    defaultMessage: 'Professionnels de santé non autorisés à consulter mes données',
  },
  blockedNone: {
    id: 'access.professionals.blockedNone',
    defaultMessage: 'Aucun professionnel de santé n’est présent dans ma liste de professionnels bloqués.',
  },
  blockedSince: {
    id: 'access.professionals.blockedSince',
    defaultMessage: 'Bloqué depuis le {date}. Il peut encore déposer des documents dans votre dossier.',
  },
  unblockedDone: {
    id: 'access.professionals.unblockedDone',
    defaultMessage:
      '{name} est débloqué. Il devra de nouveau recueillir votre consentement pour accéder à vos données.',
  },
  unblock: { id: 'access.professionals.unblock', defaultMessage: 'débloquer' },
  blockedFromDirectory: {
    id: 'access.professionals.blockedFromDirectory',
    defaultMessage: '{name} est bloqué : il ne pourra pas accéder à vos données.',
  },
  since: { id: 'access.professionals.since', defaultMessage: 'Depuis le {date}' },
  administrator: { id: 'access.professionals.administrator', defaultMessage: 'Administrateur' },
  roleLabel: { id: 'access.professionals.role', defaultMessage: 'Rôle' },
  noRole: { id: 'access.professionals.noRole', defaultMessage: 'Aucun rôle' },
  blockConfirm: {
    id: 'access.professionals.blockConfirm',
    defaultMessage:
      'Bloquer {name} ? Il ne pourra plus accéder à vos données ; il pourra encore déposer des documents. Pour l’autoriser de nouveau, il devra recueillir votre consentement.',
  },
  confirmBlock: { id: 'access.professionals.confirmBlock', defaultMessage: 'Confirmer le blocage' },
  cancel: { id: 'access.professionals.cancel', defaultMessage: 'Annuler' },
  removeAdmin: { id: 'access.professionals.removeAdmin', defaultMessage: 'retirer le statut administrateur' },
  giveAdmin: { id: 'access.professionals.giveAdmin', defaultMessage: 'attribuer le statut administrateur' },
  block: { id: 'access.professionals.block', defaultMessage: 'bloquer' },
  adminHint: {
    id: 'access.professionals.adminHint',
    defaultMessage:
      'Un administrateur voit aussi les documents masqués aux professionnels et peut bloquer d’autres professionnels.',
  },
  searchTitle: {
    id: 'access.professionals.searchTitle',
    defaultMessage: 'Bloquer un professionnel de santé qui n’a pas encore accédé à mes données',
  },
  searchLabel: { id: 'access.professionals.searchLabel', defaultMessage: 'Nom ou numéro RPPS du professionnel' },
  searchHint: {
    id: 'access.professionals.searchHint',
    defaultMessage: 'Le nom de famille exact (suivi du prénom si besoin), ou les 11 chiffres du RPPS.',
  },
  search: { id: 'access.professionals.search', defaultMessage: 'Rechercher' },
  noResult: {
    id: 'access.professionals.noResult',
    defaultMessage: 'Aucun professionnel de santé ne correspond à « {query} ».',
  },
  rpps: { id: 'access.professionals.rpps', defaultMessage: 'RPPS {rpps}' },
  alreadyBlocked: { id: 'access.professionals.alreadyBlocked', defaultMessage: 'Déjà bloqué.' },
  confirmBlockOf: { id: 'access.professionals.confirmBlockOf', defaultMessage: 'Confirmer le blocage de {name}' },
  previous: { id: 'access.professionals.previous', defaultMessage: 'Résultats précédents' },
  next: { id: 'access.professionals.next', defaultMessage: 'Résultats suivants' },
  noticeTitle: { id: 'access.professionals.noticeTitle', defaultMessage: 'Notification des accès' },
  noticeSaved: { id: 'access.professionals.noticeSaved', defaultMessage: 'Votre préférence est enregistrée.' },
  noticeLegend: {
    id: 'access.professionals.noticeLegend',
    defaultMessage: 'Être prévenu par e-mail quand un professionnel de santé accède à mes données',
  },
  noticeFirst: { id: 'access.professionals.noticeFirst', defaultMessage: 'À son premier accès' },
  noticeEvery: { id: 'access.professionals.noticeEvery', defaultMessage: 'À chaque accès' },
  noticeNever: { id: 'access.professionals.noticeNever', defaultMessage: 'Jamais' },
  save: { id: 'access.professionals.save', defaultMessage: 'Enregistrer' },
});

/** The roles' names, as `roles` (shared/src/professionals/access.ts) writes them in French. */
const roleNames = defineMessages({
  medecin_traitant: { id: 'access.professionals.roles.gp', defaultMessage: 'Médecin traitant' },
  sage_femme_referente: { id: 'access.professionals.roles.midwife', defaultMessage: 'Sage-femme référente' },
  pharmacien_correspondant: {
    id: 'access.professionals.roles.pharmacist',
    defaultMessage: 'Pharmacien correspondant',
  },
}) satisfies Record<Role, Message>;

const name = (p: Pro) => `${p.firstName} ${p.lastName}`;
const isBlocked = (p: Pro) => p.status === 'blocked';

/**
 * « Paramètres » → professionnels de santé (seed 000 II.6, R8.1–R8.3): the professionals authorized to
 * consult my data and those blocked, administrator status, roles, blocking one who never accessed, and
 * when an e-mail tells me of an access.
 */
export function ProfessionalsPage() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  return profile.relation === 'caregiver' ? (
    <NotForCaregivers title={intl.formatMessage(m.title)} />
  ) : (
    // Keyed by the profile: a notice or a choice in progress is not carried over to another profile.
    <ProfessionalsPageContent key={profile.id} />
  );
}

function ProfessionalsPageContent() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  const load = useProfessionals(profile.id);
  const lists = load.data;
  const changed = useAccessChanged(profile.id);
  const [tab, setTab] = useState<'authorized' | 'blocked'>('authorized');
  const [notice, setNotice] = useState<string | null>(null);
  const act = useAction();

  const change = async (fn: () => Promise<unknown>, done: string) => {
    setNotice(null);
    // A 204 (débloquer) resolves to nothing: success is « no error ».
    const ok = await act.run(async () => {
      await fn();
      return true;
    });
    if (ok) {
      setNotice(done);
      await changed.professionals();
    }
  };
  const showAuthorized = tab === 'authorized';
  const lead =
    profile.relation === 'child'
      ? intl.formatMessage(m.leadChild, { name: fullName(profile) })
      : intl.formatMessage(m.leadOwn);
  return (
    <Page title={intl.formatMessage(m.title)} lead={lead}>
      <SettingsBack />
      <FormError error={shownError(load.error) ?? act.error} />
      {notice && <Notice>{notice}</Notice>}
      {lists && (
        <Tabs
          id="pros"
          label={intl.formatMessage(m.lists)}
          selected={tab}
          onSelect={setTab}
          tabs={[
            { key: 'authorized', label: intl.formatMessage(m.tabAuthorized, { count: lists.authorized.length }) },
            { key: 'blocked', label: intl.formatMessage(m.tabBlocked, { count: lists.blocked.length }) },
          ]}
        >
          {showAuthorized ? (
            <>
              <h2 className={fr.cx('fr-h5')}>{intl.formatMessage(m.authorizedTitle)}</h2>
              {lists.authorized.length === 0 ? (
                <p>{intl.formatMessage(m.authorizedNone)}</p>
              ) : (
                <ul className={fr.cx('fr-raw-list')}>
                  {lists.authorized.map((p) => (
                    <AuthorizedItem
                      key={p.id}
                      pro={p}
                      busy={act.busy}
                      onBlock={() =>
                        change(
                          () => accessApi.block(profile.id, p.id),
                          intl.formatMessage(m.blockedDone, { name: name(p) }),
                        )
                      }
                      onAdmin={(v) =>
                        change(
                          () => accessApi.administrator(profile.id, p.id, v),
                          intl.formatMessage(v ? m.adminOn : m.adminOff, { name: name(p) }),
                        )
                      }
                      onRole={(role) =>
                        change(() => accessApi.role(profile.id, p.id, role), intl.formatMessage(m.roleSaved))
                      }
                      onShare={(sections) =>
                        change(
                          () =>
                            sections
                              ? accessApi.shareSynthesis(profile.id, p.id, sections)
                              : accessApi.stopSynthesis(profile.id, p.id),
                          intl.formatMessage(sections ? m.synthesisShared : m.synthesisStopped, { name: name(p) }),
                        )
                      }
                    />
                  ))}
                </ul>
              )}
            </>
          ) : (
            <>
              <h2 className={fr.cx('fr-h5')}>{intl.formatMessage(m.blockedTitle)}</h2>
              {lists.blocked.length === 0 ? (
                <p>{intl.formatMessage(m.blockedNone)}</p>
              ) : (
                <ul className={fr.cx('fr-raw-list')}>
                  {lists.blocked.map((p) => (
                    <li key={p.id} className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-2w')}>
                      <ProHeading pro={p} />
                      <p className={fr.cx('fr-text--sm')}>
                        {intl.formatMessage(m.blockedSince, { date: intl.formatDate(p.since!, dayFormat) })}
                      </p>
                      <Button
                        priority="secondary"
                        size="small"
                        disabled={act.busy}
                        onClick={() =>
                          change(
                            () => accessApi.unblock(profile.id, p.id),
                            intl.formatMessage(m.unblockedDone, { name: name(p) }),
                          )
                        }
                      >
                        {intl.formatMessage(m.unblock)}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <BlockFromDirectory
                profileId={profile.id}
                onBlocked={(p) => change(async () => p, intl.formatMessage(m.blockedFromDirectory, { name: name(p) }))}
              />
            </>
          )}
        </Tabs>
      )}
      <AccessNoticeSetting profileId={profile.id} />
    </Page>
  );
}

function ProHeading({ pro }: { pro: Pro }) {
  return (
    <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>
      {name(pro)}{' '}
      <span className={fr.cx('fr-text--regular', 'fr-text--sm')}>
        — {pro.profession}
        {pro.specialty ? `, ${pro.specialty}` : ''}
      </span>
    </h3>
  );
}

/** One authorized professional: « Depuis le … », role, administrator status, « bloquer » with a confirmation. */
function AuthorizedItem({
  pro,
  busy,
  onBlock,
  onAdmin,
  onRole,
  onShare,
}: {
  pro: Pro;
  busy: boolean;
  onBlock: () => void;
  onAdmin: (v: boolean) => void;
  onRole: (r: Pro['role']) => void;
  onShare: (sections: SynthesisSection[] | null) => Promise<void>;
}) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <li className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-2w')}>
      <ProHeading pro={pro} />
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {intl.formatMessage(m.since, { date: intl.formatDate(pro.since!, dayFormat) })}
        {pro.structureName ? ` · ${pro.structureName}` : ''}
      </p>
      {pro.administrator && (
        <Badge severity="info" small className={fr.cx('fr-mb-2w')}>
          {intl.formatMessage(m.administrator)}
        </Badge>
      )}
      <Select
        label={intl.formatMessage(m.roleLabel)}
        nativeSelectProps={{
          value: pro.role ?? '',
          disabled: busy,
          onChange: (e) => onRole((e.target.value || null) as Pro['role']),
        }}
      >
        <option value="">{intl.formatMessage(m.noRole)}</option>
        {(Object.keys(roles) as Role[]).map((k) => (
          <option key={k} value={k}>
            {intl.formatMessage(roleNames[k])}
          </option>
        ))}
      </Select>
      {confirming ? (
        <div className={fr.cx('fr-mt-2w')}>
          <p ref={confirmRef} tabIndex={-1} className={fr.cx('fr-text--bold')}>
            {intl.formatMessage(m.blockConfirm, { name: name(pro) })}
          </p>
          <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
            <Button size="small" disabled={busy} onClick={onBlock}>
              {intl.formatMessage(m.confirmBlock)}
            </Button>
            <Button size="small" priority="secondary" onClick={() => setConfirming(false)}>
              {intl.formatMessage(m.cancel)}
            </Button>
          </div>
        </div>
      ) : (
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-mt-2w')}>
          <Button size="small" priority="secondary" disabled={busy} onClick={() => onAdmin(!pro.administrator)}>
            {intl.formatMessage(pro.administrator ? m.removeAdmin : m.giveAdmin)}
          </Button>
          <Button size="small" priority="tertiary" disabled={busy} onClick={() => setConfirming(true)}>
            {intl.formatMessage(m.block)}
          </Button>
        </div>
      )}
      <ShareSynthesis pro={pro} busy={busy} onShare={onShare} />
      <p className={fr.cx('fr-hint-text', 'fr-mb-0')}>{intl.formatMessage(m.adminHint)}</p>
    </li>
  );
}

/** Block a professional who never accessed: an exact search of the directory (name or RPPS), never a listing. */
function BlockFromDirectory({ profileId, onBlocked }: { profileId: string; onBlocked: (p: Pro) => void }) {
  const intl = useIntl();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ results: Pro[]; page: number; more: boolean; q: string } | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const search = useAction();
  const find = async (e: FormEvent | null, page = 1) => {
    e?.preventDefault();
    const query = e ? q : found!.q;
    const r = await search.run(() => accessApi.search(profileId, query, page));
    if (r) setFound({ ...r, q: query });
  };
  const block = async (p: Pro) => {
    const r = await search.run(() => accessApi.block(profileId, p.id));
    if (r) {
      setConfirm(null);
      setFound(null);
      setQ('');
      onBlocked(r.professional);
    }
  };
  return (
    <section className={fr.cx('fr-mt-4w')} aria-labelledby="block-search-title">
      <h3 id="block-search-title" className={fr.cx('fr-h6')}>
        {intl.formatMessage(m.searchTitle)}
      </h3>
      <form onSubmit={(e) => void find(e)}>
        <Input
          label={intl.formatMessage(m.searchLabel)}
          hintText={intl.formatMessage(m.searchHint)}
          state={search.field('query.q') ? 'error' : 'default'}
          stateRelatedMessage={search.field('query.q')}
          nativeInputProps={{ value: q, onChange: (e) => setQ(e.target.value), autoComplete: 'off', maxLength: 100 }}
        />
        <Button type="submit" priority="secondary" disabled={search.busy}>
          {intl.formatMessage(m.search)}
        </Button>
      </form>
      <FormError error={search.error && !search.field('query.q') ? search.error : null} />
      {found && (
        <div role="status" className={fr.cx('fr-mt-2w')}>
          {found.results.length === 0 ? (
            <p>{intl.formatMessage(m.noResult, { query: found.q })}</p>
          ) : (
            <ul className={fr.cx('fr-raw-list')}>
              {found.results.map((p) => (
                <li key={p.id} className={fr.cx('fr-card', 'fr-p-2w', 'fr-mb-1w')}>
                  <ProHeading pro={p} />
                  <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                    {intl.formatMessage(m.rpps, { rpps: p.rpps })}
                    {p.structureName ? ` · ${p.structureName}` : ''}
                  </p>
                  {isBlocked(p) ? (
                    <p className={fr.cx('fr-mb-0')}>{intl.formatMessage(m.alreadyBlocked)}</p>
                  ) : confirm === p.id ? (
                    <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
                      <Button size="small" disabled={search.busy} onClick={() => void block(p)}>
                        {intl.formatMessage(m.confirmBlockOf, { name: name(p) })}
                      </Button>
                      <Button size="small" priority="secondary" onClick={() => setConfirm(null)}>
                        {intl.formatMessage(m.cancel)}
                      </Button>
                    </div>
                  ) : (
                    <Button size="small" priority="tertiary" onClick={() => setConfirm(p.id)}>
                      {intl.formatMessage(m.block)}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {(found.page > 1 || found.more) && (
            <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
              {found.page > 1 && (
                <Button size="small" priority="secondary" onClick={() => void find(null, found.page - 1)}>
                  {intl.formatMessage(m.previous)}
                </Button>
              )}
              {found.more && (
                <Button size="small" priority="secondary" onClick={() => void find(null, found.page + 1)}>
                  {intl.formatMessage(m.next)}
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

const noticeOptions: { value: NoticeValue; label: Message }[] = [
  { value: 'first', label: m.noticeFirst },
  { value: 'every', label: m.noticeEvery },
  { value: 'never', label: m.noticeNever },
];

/** When an e-mail tells me that a professional accessed my data (default: their first access). */
function AccessNoticeSetting({ profileId }: { profileId: string }) {
  const intl = useIntl();
  const load = useAccessNotice(profileId);
  const changed = useAccessChanged(profileId);
  // The choice being made, over the saved one; forgotten when the profile changes.
  const [draft, setDraft] = useState<{ profileId: string; value: NoticeValue } | null>(null);
  const value = draft?.profileId === profileId ? draft.value : (load.data?.accesses ?? null);
  const setValue = (v: NoticeValue) => setDraft({ profileId, value: v });
  const [saved, setSaved] = useState(false);
  const a = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = value && (await a.run(() => accessApi.saveNotice(profileId, value)));
    if (r) {
      setSaved(true);
      setDraft(null);
      void changed.notice(r);
    }
  };
  return (
    <section className={fr.cx('fr-mt-6w')} aria-labelledby="notice-title">
      <h2 id="notice-title" className={fr.cx('fr-h5')}>
        {intl.formatMessage(m.noticeTitle)}
      </h2>
      <FormError error={shownError(load.error) ?? a.error} />
      {saved && <Notice>{intl.formatMessage(m.noticeSaved)}</Notice>}
      {value && (
        <form onSubmit={(e) => void submit(e)}>
          <RadioButtons
            legend={intl.formatMessage(m.noticeLegend)}
            name="access-notice"
            options={noticeOptions.map((o) => ({
              label: intl.formatMessage(o.label),
              nativeInputProps: { value: o.value, checked: value === o.value, onChange: () => setValue(o.value) },
            }))}
          />
          <Button type="submit" priority="secondary" disabled={a.busy}>
            {intl.formatMessage(m.save)}
          </Button>
        </form>
      )}
    </section>
  );
}
