import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { itemKinds, type ItemKind, type ItemView } from '../../../../shared/src/medical.js';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, fieldState, useAction } from '../../components/forms';
import { medicalApi, useMedicalChanged, useMedicalItems } from './medical.api';
import { shownError } from '../../query';
import { FormButtons } from './controls';
import { formatItemLine, itemFields, toBody } from './itemFields';
import { useIntl } from 'react-intl';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  conditionsSection: { id: 'medical.item.conditions.section', defaultMessage: 'Maladies et sujets de santé' },
  conditionsOne: { id: 'medical.item.conditions.one', defaultMessage: 'une maladie ou un autre sujet de santé' },
  treatmentsSection: { id: 'medical.item.treatments.section', defaultMessage: 'Traitements' },
  treatmentsOne: { id: 'medical.item.treatments.one', defaultMessage: 'un traitement' },
  allergiesSection: { id: 'medical.item.allergies.section', defaultMessage: 'Allergies' },
  allergiesOne: { id: 'medical.item.allergies.one', defaultMessage: 'une allergie' },
  vaccinationsSection: { id: 'medical.item.vaccinations.section', defaultMessage: 'Vaccinations' },
  vaccinationsOne: { id: 'medical.item.vaccinations.one', defaultMessage: 'une vaccination' },
  contactsSection: { id: 'medical.item.contacts.section', defaultMessage: 'Entourage' },
  contactsOne: { id: 'medical.item.contacts.one', defaultMessage: 'un contact' },
  empty: {
    id: 'medical.item.empty',
    defaultMessage:
      "Aucune information pour le moment. Pour en ajouter, utilisez le bouton « J'ajoute {thing} » ci-dessous.",
  },
  deleted: { id: 'medical.item.deleted', defaultMessage: '« {title} » est supprimé.' },
  added: { id: 'medical.item.added', defaultMessage: '« {title} » est ajouté.' },
  saved: { id: 'medical.item.saved', defaultMessage: 'Les modifications sont enregistrées.' },
  add: { id: 'medical.item.add', defaultMessage: "J'ajoute {thing}" },
  editHeading: { id: 'medical.item.editHeading', defaultMessage: 'Je modifie {thing}' },
  confirmGroup: { id: 'medical.item.confirmGroup', defaultMessage: 'Supprimer « {title} » ?' },
  confirmDelete: { id: 'medical.item.confirmDelete', defaultMessage: 'Confirmer la suppression de « {title} »' },
  cancel: { id: 'medical.item.cancel', defaultMessage: 'Annuler' },
  editLabel: { id: 'medical.item.editLabel', defaultMessage: 'Modifier « {title} »' },
  edit: { id: 'medical.item.edit', defaultMessage: 'Modifier' },
  removeLabel: { id: 'medical.item.removeLabel', defaultMessage: 'Supprimer « {title} »' },
  remove: { id: 'medical.item.remove', defaultMessage: 'Supprimer' },
  save: { id: 'medical.item.save', defaultMessage: 'Enregistrer' },
});

/**
 * The words of each list, as in shared/src/medical.ts's itemKinds (the French there is also the synthesis PDF's):
 * its heading, and « une allergie » for « J'ajoute une allergie ».
 */
export const kindText: Record<ItemKind, { section: Message; one: Message }> = {
  conditions: { section: m.conditionsSection, one: m.conditionsOne },
  treatments: { section: m.treatmentsSection, one: m.treatmentsOne },
  allergies: { section: m.allergiesSection, one: m.allergiesOne },
  vaccinations: { section: m.vaccinationsSection, one: m.vaccinationsOne },
  contacts: { section: m.contactsSection, one: m.contactsOne },
};

const noItems: ItemView[] = [];

/** One list of the medical profile: its entries, « J'ajoute … », edit and delete with confirmation. */
export function ItemSection({ kind, headingLevel = 2 }: { kind: ItemKind; headingLevel?: 2 | 3 }) {
  const { profile } = useActiveProfile();
  const intl = useIntl();
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
  const thing = intl.formatMessage(kindText[kind].one);

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
        {intl.formatMessage(kindText[kind].section)}
      </H>
      {notice && <Notice>{notice}</Notice>}
      <FormError error={editing ? null : error} />
      {items && items.length === 0 && <p>{intl.formatMessage(m.empty, { thing })}</p>}
      {items && items.length > 0 && (
        <ul className="carnet-medical-list">
          {items.map((item) => (
            <ItemRow
              key={item.id}
              kind={kind}
              item={item}
              line={formatItemLine(intl, kind, item.data, names)}
              onEdit={() => setEditing(item)}
              onDeleted={() => done(intl.formatMessage(m.deleted, { title: meta.title(item.data) }))}
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
            done(
              editing === 'new'
                ? intl.formatMessage(m.added, { title: meta.title(i.data) })
                : intl.formatMessage(m.saved),
            )
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
          {intl.formatMessage(m.add, { thing })}
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
  const intl = useIntl();
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
        <div role="group" aria-label={intl.formatMessage(m.confirmGroup, { title })} className="carnet-inline-buttons">
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
            {intl.formatMessage(m.confirmDelete, { title })}
          </Button>
          <Button size="small" priority="tertiary" onClick={() => setConfirming(false)}>
            {intl.formatMessage(m.cancel)}
          </Button>
        </div>
      ) : (
        <div className="carnet-inline-buttons">
          <Button
            size="small"
            priority="tertiary"
            iconId="fr-icon-edit-line"
            onClick={onEdit}
            nativeButtonProps={{ 'aria-label': intl.formatMessage(m.editLabel, { title }) }}
          >
            {intl.formatMessage(m.edit)}
          </Button>
          <Button
            size="small"
            priority="tertiary"
            iconId="fr-icon-delete-line"
            onClick={() => setConfirming(true)}
            nativeButtonProps={{ 'aria-label': intl.formatMessage(m.removeLabel, { title }) }}
          >
            {intl.formatMessage(m.remove)}
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
  submitLabel,
}: {
  kind: ItemKind;
  item: ItemView | null;
  conditions?: ItemView[];
  onSaved(item: ItemView): void;
  onCancel?(): void;
  submitLabel?: string;
}) {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(item?.data ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const { busy, error, run, field } = useAction();
  const changed = useMedicalChanged(profile.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const thing = intl.formatMessage(kindText[kind].one);
  // A list's choice: a message, or a name shown as it is (a vaccine, one of the person's illnesses).
  const optionText = (text: Message | string) => (typeof text === 'string' ? text : intl.formatMessage(text));
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
        {intl.formatMessage(item ? m.editHeading : m.add, { thing })}
      </h3>
      <FormError error={error} />
      {itemFields[kind].map((f) => {
        const id = `${formId}-${f.name}`;
        const label = intl.formatMessage(f.label);
        const common = { ...fieldState(field(`body.${f.name}`)), hintText: f.hint && intl.formatMessage(f.hint) };
        const set = (v: string) => setValues((old) => ({ ...old, [f.name]: v }));
        if (f.type === 'select') {
          const options: Record<string, Message | string> =
            f.name === 'conditionId'
              ? { ...f.options, ...Object.fromEntries(conditions.map((c) => [c.id, String(c.data.name)])) }
              : f.options!;
          return (
            <Select
              key={f.name}
              label={label}
              {...common}
              nativeSelectProps={{
                id,
                value: values[f.name] ?? '',
                onChange: (e) => set(e.target.value),
                required: f.required,
              }}
            >
              {Object.entries(options).map(([v, text]) => (
                <option key={v} value={v}>
                  {optionText(text)}
                </option>
              ))}
            </Select>
          );
        }
        if (f.type === 'textarea')
          return (
            <Input
              key={f.name}
              label={label}
              {...common}
              textArea
              nativeTextAreaProps={{ id, value: values[f.name] ?? '', onChange: (e) => set(e.target.value), rows: 3 }}
            />
          );
        return (
          <Input
            key={f.name}
            label={label}
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
      <FormButtons busy={busy} submitLabel={submitLabel ?? intl.formatMessage(m.save)} onCancel={onCancel} />
    </form>
  );
}
