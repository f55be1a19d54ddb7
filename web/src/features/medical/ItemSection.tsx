import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { itemKinds, type ItemKind, type ItemView } from '../../../../shared/src/medical.js';
import { itemLine } from '../../../../shared/src/medical-format.js';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, fieldState, useAction } from '../../components/forms';
import { medicalApi, useMedicalChanged, useMedicalItems } from './medical.api';
import { shownError } from '../../query';
import { FormButtons } from './controls';
import { itemFields, toBody } from './itemFields';

const noItems: ItemView[] = [];

/** One list of the medical profile: its entries, « J'ajoute … », edit and delete with confirmation. */
export function ItemSection({ kind, headingLevel = 2 }: { kind: ItemKind; headingLevel?: 2 | 3 }) {
  const { profile } = useActiveProfile();
  const list = useMedicalItems(profile.id, kind);
  // A treatment may name the condition it treats.
  const conditionList = useMedicalItems(profile.id, 'conditions', kind === 'treatments');
  const items = list.data?.items;
  const conditions = (kind === 'treatments' && conditionList.data?.items) || noItems;
  const error = shownError(list.error ?? conditionList.error);
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const meta = itemKinds[kind];

  const names = new Map(conditions.map((c) => [c.id, String(c.data.name)]));
  const H = `h${headingLevel}` as const;
  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
    addRef.current?.focus();
  };
  return (
    <section aria-labelledby={`section-${kind}`} className={fr.cx('fr-mb-6w')}>
      <H id={`section-${kind}`} className={fr.cx('fr-h4')}>
        {meta.section}
      </H>
      {notice && <Notice>{notice}</Notice>}
      <FormError error={editing ? null : error} />
      {items && items.length === 0 && (
        <p>{`Aucune information pour le moment. Pour en ajouter, utilisez le bouton « J'ajoute ${meta.one} » ci-dessous.`}</p>
      )}
      {items && items.length > 0 && (
        <ul className="carnet-medical-list">
          {items.map((item) => (
            <ItemRow
              key={item.id}
              kind={kind}
              item={item}
              line={itemLine(kind, item.data, names)}
              onEdit={() => setEditing(item)}
              onDeleted={() => done(`« ${meta.title(item.data)} » est supprimé.`)}
            />
          ))}
        </ul>
      )}
      {editing ? (
        <ItemForm
          kind={kind}
          item={editing === 'new' ? null : editing}
          conditions={conditions}
          onSaved={(i) =>
            done(editing === 'new' ? `« ${meta.title(i.data)} » est ajouté.` : 'Les modifications sont enregistrées.')
          }
          onCancel={() => setEditing(null)}
        />
      ) : (
        <Button
          ref={addRef}
          iconId="fr-icon-add-line"
          priority="secondary"
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          {`J'ajoute ${meta.one}`}
        </Button>
      )}
    </section>
  );
}

function ItemRow({
  kind,
  item,
  line,
  onEdit,
  onDeleted,
}: {
  kind: ItemKind;
  item: ItemView;
  line: string;
  onEdit(): void;
  onDeleted(): void;
}) {
  const { profile } = useActiveProfile();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const changed = useMedicalChanged(profile.id);
  const title = itemKinds[kind].title(item.data);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <li className="carnet-medical-item">
      <p className={fr.cx('fr-mb-1w')}>{line}</p>
      <FormError error={error} />
      {confirming ? (
        <div role="group" aria-label={`Supprimer « ${title} » ?`} className="carnet-inline-buttons">
          <Button
            ref={confirmRef}
            size="small"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await medicalApi.remove(profile.id, kind, item.id);
                void changed();
                return true;
              }).then((ok) => ok && onDeleted())
            }
          >
            {`Confirmer la suppression de « ${title} »`}
          </Button>
          <Button size="small" priority="tertiary" onClick={() => setConfirming(false)}>
            Annuler
          </Button>
        </div>
      ) : (
        <div className="carnet-inline-buttons">
          <Button
            size="small"
            priority="tertiary"
            iconId="fr-icon-edit-line"
            onClick={onEdit}
            nativeButtonProps={{ 'aria-label': `Modifier « ${title} »` }}
          >
            Modifier
          </Button>
          <Button
            size="small"
            priority="tertiary"
            iconId="fr-icon-delete-line"
            onClick={() => setConfirming(true)}
            nativeButtonProps={{ 'aria-label': `Supprimer « ${title} »` }}
          >
            Supprimer
          </Button>
        </div>
      )}
    </li>
  );
}

/** The form of an entry, new or existing; the server's French messages shown on their fields. */
export function ItemForm({
  kind,
  item,
  conditions = [],
  onSaved,
  onCancel,
  submitLabel = 'Enregistrer',
}: {
  kind: ItemKind;
  item: ItemView | null;
  conditions?: ItemView[];
  onSaved(item: ItemView): void;
  onCancel?(): void;
  submitLabel?: string;
}) {
  const { profile } = useActiveProfile();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(item?.data ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const { busy, error, run, field } = useAction();
  const changed = useMedicalChanged(profile.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const meta = itemKinds[kind];
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = toBody(kind, values);
    const r = await run(() =>
      item ? medicalApi.update(profile.id, kind, item.id, body) : medicalApi.create(profile.id, kind, body),
    );
    if (!r) return;
    void changed();
    onSaved(r.item);
  };
  const formId = `form-${kind}`;
  return (
    <form onSubmit={submit} aria-labelledby={`${formId}-title`} className="carnet-medical-form" noValidate>
      <h3 id={`${formId}-title`} ref={headingRef} tabIndex={-1} className={fr.cx('fr-h5')}>
        {item ? `Je modifie ${meta.one}` : `J'ajoute ${meta.one}`}
      </h3>
      <FormError error={error} />
      {itemFields[kind].map((f) => {
        const id = `${formId}-${f.name}`;
        const common = { ...fieldState(field(`body.${f.name}`)), hintText: f.hint };
        const set = (v: string) => setValues((old) => ({ ...old, [f.name]: v }));
        if (f.type === 'select') {
          const options =
            f.name === 'conditionId'
              ? { ...f.options, ...Object.fromEntries(conditions.map((c) => [c.id, String(c.data.name)])) }
              : f.options!;
          return (
            <Select
              key={f.name}
              label={f.label}
              {...common}
              nativeSelectProps={{
                id,
                value: values[f.name] ?? '',
                onChange: (e) => set(e.target.value),
                required: f.required,
              }}
            >
              {Object.entries(options).map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </Select>
          );
        }
        if (f.type === 'textarea')
          return (
            <Input
              key={f.name}
              label={f.label}
              {...common}
              textArea
              nativeTextAreaProps={{ id, value: values[f.name] ?? '', onChange: (e) => set(e.target.value), rows: 3 }}
            />
          );
        return (
          <Input
            key={f.name}
            label={f.label}
            {...common}
            nativeInputProps={{
              id,
              type: f.type === 'number' ? 'text' : f.type,
              inputMode: f.type === 'number' ? 'numeric' : undefined,
              value: values[f.name] ?? '',
              onChange: (e) => set(e.target.value),
              required: f.required,
              autoComplete: f.autoComplete,
            }}
          />
        );
      })}
      <FormButtons busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
