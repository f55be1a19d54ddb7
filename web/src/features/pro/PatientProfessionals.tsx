import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FormError, Notice } from '../../components/forms';
import { patientKey, shownError, useInvalidate } from '../../query';
import { proApi, type PatientProfessional } from './pro.api';

const dateFr = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('fr-FR') : '—');
const name = (p: PatientProfessional) => `${p.firstName} ${p.lastName}`;

/**
 * For a professional the patient made administrator (R8.3): the patient's professionals, and « Bloquer »
 * another one with a confirmation. Neither oneself nor another administrator (the server refuses it too).
 */
export function PatientProfessionals({ profileId }: { profileId: string }) {
  const key = patientKey(profileId, 'professionals');
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => proApi.patientProfessionals(profileId, signal) });
  const invalidate = useInvalidate();
  const [notice, setNotice] = useState<string | null>(null);
  const block = useMutation({
    mutationFn: (p: PatientProfessional) => proApi.blockProfessional(profileId, p.id),
    onSuccess: async (r) => {
      setNotice(`${name(r.professional)} est bloqué : il ne peut plus accéder à l’espace santé de ce patient.`);
      await invalidate(key);
    },
  });
  return (
    <section aria-labelledby="administration-titre" className={fr.cx('fr-mb-6w')}>
      <h3 id="administration-titre" className={fr.cx('fr-h5')}>
        Professionnels du patient
      </h3>
      <p className={fr.cx('fr-text--sm')}>
        Le patient vous a donné le statut administrateur : vous voyez ses professionnels et pouvez en bloquer un.
      </p>
      {notice && <Notice>{notice}</Notice>}
      <FormError error={shownError(list.error ?? block.error)} />
      {list.data && (
        <ul className={fr.cx('fr-raw-list')} aria-label="Professionnels autorisés et bloqués">
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
      {list.isPending && <p>Chargement…</p>}
    </section>
  );
}

function Item({ pro, busy, onBlock }: { pro: PatientProfessional; busy: boolean; onBlock: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const againRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const blockable = pro.status === 'authorized' && !pro.self && !pro.administrator;
  return (
    <li className={fr.cx('fr-card', 'fr-p-2w', 'fr-mb-1w')}>
      <p className={fr.cx('fr-text--bold', 'fr-mb-1v')}>
        {name(pro)}
        {pro.self ? ' (vous)' : ''}
      </p>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {pro.profession}
        {pro.structureName ? ` · ${pro.structureName}` : ''} · {pro.status === 'blocked' ? 'Bloqué' : 'Autorisé'} depuis
        le {dateFr(pro.since)}
      </p>
      {pro.administrator && (
        <Badge severity="info" small className={fr.cx('fr-mb-1w')}>
          Administrateur
        </Badge>
      )}
      {blockable &&
        (confirming ? (
          <div>
            <p ref={confirmRef} tabIndex={-1} className={fr.cx('fr-text--bold')}>
              Bloquer {name(pro)} ? Il ne pourra plus accéder à l’espace santé de ce patient ; il pourra encore y
              déposer des documents. Le patient en est informé dans son historique d’activité.
            </p>
            <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
              <Button size="small" disabled={busy} onClick={onBlock}>
                Confirmer le blocage<span className={fr.cx('fr-sr-only')}> de {name(pro)}</span>
              </Button>
              <Button
                size="small"
                priority="secondary"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => againRef.current?.focus());
                }}
              >
                Annuler
              </Button>
            </div>
          </div>
        ) : (
          <Button ref={againRef} size="small" priority="tertiary" disabled={busy} onClick={() => setConfirming(true)}>
            Bloquer<span className={fr.cx('fr-sr-only')}> {name(pro)}</span>
          </Button>
        ))}
    </li>
  );
}
