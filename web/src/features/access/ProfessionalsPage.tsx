import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { roles } from '../../../../shared/src/professionals/access.js';
import {
  accessApi,
  day,
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

const name = (p: Pro) => `${p.firstName} ${p.lastName}`;

/**
 * « Paramètres » → professionnels de santé (seed 000 II.6, R8.1–R8.3): the professionals authorized to
 * consult my data and those blocked, administrator status, roles, blocking one who never accessed, and
 * when an e-mail tells me of an access.
 */
export function ProfessionalsPage() {
  const { profile } = useActiveProfile();
  return profile.relation === 'caregiver' ? (
    <NotForCaregivers title="Professionnels de santé" />
  ) : (
    // Keyed by the profile: a notice or a choice in progress is not carried over to another profile.
    <ProfessionalsPageContent key={profile.id} />
  );
}

function ProfessionalsPageContent() {
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
  const whose = profile.relation === 'child' ? `du profil de ${fullName(profile)}` : 'de votre dossier';
  return (
    <Page
      title="Professionnels de santé"
      lead={`Les professionnels de santé autorisés à consulter les données ${whose}, et ceux que vous avez bloqués.`}
    >
      <SettingsBack />
      <FormError error={shownError(load.error) ?? act.error} />
      {notice && <Notice>{notice}</Notice>}
      {lists && (
        <Tabs
          id="pros"
          label="Listes des professionnels de santé"
          selected={tab}
          onSelect={setTab}
          tabs={[
            { key: 'authorized', label: `Autorisés (${lists.authorized.length})` },
            { key: 'blocked', label: `Bloqués (${lists.blocked.length})` },
          ]}
        >
          {tab === 'authorized' ? (
            <>
              <h2 className={fr.cx('fr-h5')}>Professionnels de santé autorisés à consulter mes données</h2>
              {lists.authorized.length === 0 ? (
                <p>Aucun professionnel de santé n’est présent dans ma liste de professionnels autorisés.</p>
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
                          `${name(p)} est bloqué : il ne peut plus accéder à vos données.`,
                        )
                      }
                      onAdmin={(v) =>
                        change(
                          () => accessApi.administrator(profile.id, p.id, v),
                          v
                            ? `${name(p)} a le statut administrateur.`
                            : `${name(p)} n’a plus le statut administrateur.`,
                        )
                      }
                      onRole={(role) => change(() => accessApi.role(profile.id, p.id, role), 'Le rôle est enregistré.')}
                      onShare={(sections) =>
                        change(
                          () =>
                            sections
                              ? accessApi.shareSynthesis(profile.id, p.id, sections)
                              : accessApi.stopSynthesis(profile.id, p.id),
                          sections
                            ? `La synthèse est partagée avec ${name(p)}.`
                            : `La synthèse n’est plus partagée avec ${name(p)}.`,
                        )
                      }
                    />
                  ))}
                </ul>
              )}
            </>
          ) : (
            <>
              <h2 className={fr.cx('fr-h5')}>Professionnels de santé non autorisés à consulter mes données</h2>
              {lists.blocked.length === 0 ? (
                <p>Aucun professionnel de santé n’est présent dans ma liste de professionnels bloqués.</p>
              ) : (
                <ul className={fr.cx('fr-raw-list')}>
                  {lists.blocked.map((p) => (
                    <li key={p.id} className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-2w')}>
                      <ProHeading pro={p} />
                      <p className={fr.cx('fr-text--sm')}>
                        Bloqué depuis le {day(p.since!)}. Il peut encore déposer des documents dans votre dossier.
                      </p>
                      <Button
                        priority="secondary"
                        size="small"
                        disabled={act.busy}
                        onClick={() =>
                          change(
                            () => accessApi.unblock(profile.id, p.id),
                            `${name(p)} est débloqué. Il devra de nouveau recueillir votre consentement pour accéder à vos données.`,
                          )
                        }
                      >
                        débloquer
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <BlockFromDirectory
                profileId={profile.id}
                onBlocked={(p) =>
                  change(async () => p, `${name(p)} est bloqué : il ne pourra pas accéder à vos données.`)
                }
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
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <li className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-2w')}>
      <ProHeading pro={pro} />
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        Depuis le {day(pro.since!)}
        {pro.structureName ? ` · ${pro.structureName}` : ''}
      </p>
      {pro.administrator && (
        <Badge severity="info" small className={fr.cx('fr-mb-2w')}>
          Administrateur
        </Badge>
      )}
      <Select
        label="Rôle"
        nativeSelectProps={{
          value: pro.role ?? '',
          disabled: busy,
          onChange: (e) => onRole((e.target.value || null) as Pro['role']),
        }}
      >
        <option value="">Aucun rôle</option>
        {Object.entries(roles).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </Select>
      {confirming ? (
        <div className={fr.cx('fr-mt-2w')}>
          <p ref={confirmRef} tabIndex={-1} className={fr.cx('fr-text--bold')}>
            Bloquer {name(pro)} ? Il ne pourra plus accéder à vos données ; il pourra encore déposer des documents. Pour
            l’autoriser de nouveau, il devra recueillir votre consentement.
          </p>
          <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
            <Button size="small" disabled={busy} onClick={onBlock}>
              Confirmer le blocage
            </Button>
            <Button size="small" priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-mt-2w')}>
          <Button size="small" priority="secondary" disabled={busy} onClick={() => onAdmin(!pro.administrator)}>
            {pro.administrator ? 'retirer le statut administrateur' : 'attribuer le statut administrateur'}
          </Button>
          <Button size="small" priority="tertiary" disabled={busy} onClick={() => setConfirming(true)}>
            bloquer
          </Button>
        </div>
      )}
      <ShareSynthesis pro={pro} busy={busy} onShare={onShare} />
      <p className={fr.cx('fr-hint-text', 'fr-mb-0')}>
        Un administrateur voit aussi les documents masqués aux professionnels et peut bloquer d’autres professionnels.
      </p>
    </li>
  );
}

/** Block a professional who never accessed: an exact search of the directory (name or RPPS), never a listing. */
function BlockFromDirectory({ profileId, onBlocked }: { profileId: string; onBlocked: (p: Pro) => void }) {
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
        Bloquer un professionnel de santé qui n’a pas encore accédé à mes données
      </h3>
      <form onSubmit={(e) => void find(e)}>
        <Input
          label="Nom ou numéro RPPS du professionnel"
          hintText="Le nom de famille exact (suivi du prénom si besoin), ou les 11 chiffres du RPPS."
          state={search.field('query.q') ? 'error' : 'default'}
          stateRelatedMessage={search.field('query.q')}
          nativeInputProps={{ value: q, onChange: (e) => setQ(e.target.value), autoComplete: 'off', maxLength: 100 }}
        />
        <Button type="submit" priority="secondary" disabled={search.busy}>
          Rechercher
        </Button>
      </form>
      <FormError error={search.error && !search.field('query.q') ? search.error : null} />
      {found && (
        <div role="status" className={fr.cx('fr-mt-2w')}>
          {found.results.length === 0 ? (
            <p>Aucun professionnel de santé ne correspond à « {found.q} ».</p>
          ) : (
            <ul className={fr.cx('fr-raw-list')}>
              {found.results.map((p) => (
                <li key={p.id} className={fr.cx('fr-card', 'fr-p-2w', 'fr-mb-1w')}>
                  <ProHeading pro={p} />
                  <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                    RPPS {p.rpps}
                    {p.structureName ? ` · ${p.structureName}` : ''}
                  </p>
                  {p.status === 'blocked' ? (
                    <p className={fr.cx('fr-mb-0')}>Déjà bloqué.</p>
                  ) : confirm === p.id ? (
                    <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
                      <Button size="small" disabled={search.busy} onClick={() => void block(p)}>
                        Confirmer le blocage de {name(p)}
                      </Button>
                      <Button size="small" priority="secondary" onClick={() => setConfirm(null)}>
                        Annuler
                      </Button>
                    </div>
                  ) : (
                    <Button size="small" priority="tertiary" onClick={() => setConfirm(p.id)}>
                      bloquer
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
                  Résultats précédents
                </Button>
              )}
              {found.more && (
                <Button size="small" priority="secondary" onClick={() => void find(null, found.page + 1)}>
                  Résultats suivants
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

const noticeOptions: { value: NoticeValue; label: string }[] = [
  { value: 'first', label: 'À son premier accès' },
  { value: 'every', label: 'À chaque accès' },
  { value: 'never', label: 'Jamais' },
];

/** When an e-mail tells me that a professional accessed my data (default: their first access). */
function AccessNoticeSetting({ profileId }: { profileId: string }) {
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
        Notification des accès
      </h2>
      <FormError error={shownError(load.error) ?? a.error} />
      {saved && <Notice>Votre préférence est enregistrée.</Notice>}
      {value && (
        <form onSubmit={(e) => void submit(e)}>
          <RadioButtons
            legend="Être prévenu par e-mail quand un professionnel de santé accède à mes données"
            name="access-notice"
            options={noticeOptions.map((o) => ({
              label: o.label,
              nativeInputProps: { value: o.value, checked: value === o.value, onChange: () => setValue(o.value) },
            }))}
          />
          <Button type="submit" priority="secondary" disabled={a.busy}>
            Enregistrer
          </Button>
        </form>
      )}
    </section>
  );
}
