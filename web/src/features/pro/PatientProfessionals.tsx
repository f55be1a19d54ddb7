import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation, useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FormError, Notice } from '../../components/forms';
import { patientKey, shownError, useInvalidate } from '../../query';
import { defineMessages } from '../../i18n/messages';
import { proApi, type PatientProfessional } from './pro.api';

const m = defineMessages({
  blockedNotice: {
    id: 'pro.professionals.blockedNotice',
    defaultMessage: '{name} est bloqué : il ne peut plus accéder à l’espace santé de ce patient.',
  },
  heading: { id: 'pro.professionals.heading', defaultMessage: 'Professionnels du patient' },
  intro: {
    id: 'pro.professionals.intro',
    defaultMessage:
      'Le patient vous a donné le statut administrateur : vous voyez ses professionnels et pouvez en bloquer un.',
  },
  listLabel: { id: 'pro.professionals.listLabel', defaultMessage: 'Professionnels autorisés et bloqués' },
  loading: { id: 'pro.professionals.loading', defaultMessage: 'Chargement…' },
  self: { id: 'pro.professionals.self', defaultMessage: '{name} (vous)' },
  blockedSince: { id: 'pro.professionals.blockedSince', defaultMessage: 'Bloqué depuis le {date}' },
  authorizedSince: { id: 'pro.professionals.authorizedSince', defaultMessage: 'Autorisé depuis le {date}' },
  administrator: { id: 'pro.professionals.administrator', defaultMessage: 'Administrateur' },
  confirmText: {
    id: 'pro.professionals.confirmText',
    defaultMessage:
      'Bloquer {name} ? Il ne pourra plus accéder à l’espace santé de ce patient ; il pourra encore y déposer des documents. Le patient en est informé dans son historique d’activité.',
  },
  confirm: { id: 'pro.professionals.confirm', defaultMessage: 'Confirmer le blocage<sr> de {name}</sr>' },
  cancel: { id: 'pro.professionals.cancel', defaultMessage: 'Annuler' },
  block: { id: 'pro.professionals.block', defaultMessage: 'Bloquer<sr> {name}</sr>' },
});

const name = (p: PatientProfessional) => `${p.firstName} ${p.lastName}`;

/**
 * For a professional the patient made administrator (R8.3): the patient's professionals, and « Bloquer »
 * another one with a confirmation. Neither oneself nor another administrator (the server refuses it too).
 */
export function PatientProfessionals({ profileId }: { profileId: string }) {
  const intl = useIntl();
  const key = patientKey(profileId, 'professionals');
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => proApi.patientProfessionals(profileId, signal) });
  const invalidate = useInvalidate();
  const [notice, setNotice] = useState<string | null>(null);
  const block = useMutation({
    mutationFn: (p: PatientProfessional) => proApi.blockProfessional(profileId, p.id),
    onSuccess: async (r) => {
      setNotice(intl.formatMessage(m.blockedNotice, { name: name(r.professional) }));
      await invalidate(key);
    },
  });
  return (
    <section aria-labelledby="administration-titre" className={fr.cx('fr-mb-6w')}>
      <h3 id="administration-titre" className={fr.cx('fr-h5')}>
        {intl.formatMessage(m.heading)}
      </h3>
      <p className={fr.cx('fr-text--sm')}>{intl.formatMessage(m.intro)}</p>
      {notice && <Notice>{notice}</Notice>}
      <FormError error={shownError(list.error ?? block.error)} />
      {list.data && (
        <ul className={fr.cx('fr-raw-list')} aria-label={intl.formatMessage(m.listLabel)}>
          {list.data.professionals.map((p) => (
            <Item
              key={p.id}
              pro={p}
              busy={block.isPending}
              onBlock={() => {
                setNotice(null);
                block.mutate(p);
              }}
            />
          ))}
        </ul>
      )}
      {list.isPending && <p>{intl.formatMessage(m.loading)}</p>}
    </section>
  );
}

function Item({ pro, busy, onBlock }: { pro: PatientProfessional; busy: boolean; onBlock: () => void }) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const againRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const blockable = pro.status === 'authorized' && !pro.self && !pro.administrator;
  const date = pro.since ? intl.formatDate(pro.since) : '—';
  const since = intl.formatMessage(pro.status === 'blocked' ? m.blockedSince : m.authorizedSince, { date });
  const sr = (chunks: ReactNode[]) => <span className={fr.cx('fr-sr-only')}>{chunks}</span>;
  return (
    <li className={fr.cx('fr-card', 'fr-p-2w', 'fr-mb-1w')}>
      <p className={fr.cx('fr-text--bold', 'fr-mb-1v')}>
        {pro.self ? intl.formatMessage(m.self, { name: name(pro) }) : name(pro)}
      </p>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {pro.profession}
        {pro.structureName ? ` · ${pro.structureName}` : ''} · {since}
      </p>
      {pro.administrator && (
        <Badge severity="info" small className={fr.cx('fr-mb-1w')}>
          {intl.formatMessage(m.administrator)}
        </Badge>
      )}
      {blockable &&
        (confirming ? (
          <div>
            <p ref={confirmRef} tabIndex={-1} className={fr.cx('fr-text--bold')}>
              {intl.formatMessage(m.confirmText, { name: name(pro) })}
            </p>
            <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
              <Button size="small" disabled={busy} onClick={onBlock}>
                <FormattedMessage {...m.confirm} values={{ name: name(pro), sr }} />
              </Button>
              <Button
                size="small"
                priority="secondary"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => againRef.current?.focus());
                }}
              >
                {intl.formatMessage(m.cancel)}
              </Button>
            </div>
          </div>
        ) : (
          <Button ref={againRef} size="small" priority="tertiary" disabled={busy} onClick={() => setConfirming(true)}>
            <FormattedMessage {...m.block} values={{ name: name(pro), sr }} />
          </Button>
        ))}
    </li>
  );
}
